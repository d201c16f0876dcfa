import type { Logger } from '../ports/logger.port.js';
import type { JobResult, ResultPublisher, ResultStore, SaveOutcome } from '../ports/result-store.port.js';

export interface SaveAndPublishDeps {
  readonly results: ResultStore;
  readonly publisher: ResultPublisher;
  readonly logger?: Logger;
}

/**
 * Records a result: its row, then its message (the outbox), in one write when the send works. The
 * row is saved already flagged `published: true`; a send that fails clears the flag (while the row
 * still holds this result) before the error propagates, so `republishUnpublished` finds the row if
 * the job runs out of receives. A second write per result only to flag it after the send would cost
 * every job a request (and, batched in DynamoDB transactions, twice the write capacity).
 *
 * A crash between the save and the send leaves the flag set on a result not sent, but the job's
 * message was not acknowledged: its redelivery saves and sends it (the same `resultId`). Only a job
 * that crashed there on every receive would end in the jobs dead-letter queue with its row claiming
 * a send; the dead-letter queue keeps that job, and redriving it sends the result.
 *
 * A result the table refuses as older than its row (`superseded`) is neither stored nor sent.
 */
export async function saveAndPublish(result: JobResult, deps: SaveAndPublishDeps): Promise<SaveOutcome> {
  const row: JobResult = { ...result, published: true };
  if ((await deps.results.save(row)) === 'superseded') return 'superseded';
  try {
    await deps.publisher.publish(row);
  } catch (error) {
    try {
      await deps.results.markUnpublished(row.filename, row.resultId);
    } catch (unflagError) {
      deps.logger?.warn('a result whose send failed could not be flagged unpublished; its job is retried, but if it runs out of receives the row says it was sent', {
        filename: row.filename,
        resultId: row.resultId,
        error: unflagError instanceof Error ? unflagError.message : String(unflagError),
      });
    }
    throw error;
  }
  return 'saved';
}
