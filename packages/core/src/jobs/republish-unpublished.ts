import type { Logger } from '../ports/logger.port.js';
import type { ResultPublisher, ResultStore } from '../ports/result-store.port.js';

export interface RepublishDeps {
  readonly results: ResultStore;
  readonly publisher: ResultPublisher;
  readonly logger?: Logger;
  /**
   * Only rows finished before this instant: a younger unpublished row is most likely a job still in
   * flight, whose own worker publishes it (sweeping it too would send a second message).
   */
  readonly finishedBefore?: Date;
}

export interface RepublishReport {
  readonly republished: number;
  /** Rows whose send failed again: left unpublished for the next sweep. */
  readonly failed: number;
}

/**
 * The outbox's sweep: sends every row still marked `published: false` on the results queue and marks
 * it published. Such a row is a result saved whose send failed until its message ran out of receives
 * (dead-lettered with the reason); a row being processed right now may be sent twice, which
 * consumers absorb by `resultId`. Rows without the flag (written before it existed) are left alone.
 * It reads the whole table (a Scan on DynamoDB): run it at worker start and on a slow timer, not per job.
 */
export async function republishUnpublished(deps: RepublishDeps): Promise<RepublishReport> {
  let republished = 0;
  let failed = 0;
  for await (const row of deps.results.list()) {
    if (row.published !== false) continue;
    if (deps.finishedBefore && Date.parse(row.finishedAt) >= deps.finishedBefore.getTime()) continue;
    try {
      await deps.publisher.publish(row);
      await deps.results.markPublished(row.filename, row.resultId);
      republished += 1;
    } catch (error) {
      failed += 1;
      deps.logger?.warn('republishing an unpublished result failed; the next sweep tries again', {
        filename: row.filename,
        resultId: row.resultId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (republished + failed > 0) deps.logger?.info('unpublished results swept', { republished, failed });
  return { republished, failed };
}
