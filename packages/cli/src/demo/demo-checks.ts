import type { JobResult, WordCounts } from '@wordfreq/core';
import { formatCount } from '../ui/format.js';
import type { DemoCheck, DemoSummary } from './demo-summary.js';
import type { VisitSimulationReport } from './visit-simulation.js';

export interface DemoEvidence {
  /** Keys uploaded to the primary bucket, in upload order. */
  readonly uploaded: readonly string[];
  readonly uploadBucket: string;
  readonly results: readonly JobResult[];
  /** Exact counts of the successfully counted files, made without the system. */
  readonly tally: WordCounts;
  /** Result ids of every message taken off the results queue. */
  readonly published: readonly string[];
  readonly backupKeys: readonly string[];
  readonly backupFailures: number;
  readonly visits: VisitSimulationReport;
  readonly summary: Omit<DemoSummary, 'checks'>;
}

const sameSet = (a: Iterable<string>, b: Iterable<string>) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
};

/**
 * The demo checks its own answer instead of only printing it: the results against an independent
 * count of the corpus, one result and one published message per file, one backup per upload, and
 * exactly one congratulation email for the milestone.
 */
export function checkDemo(evidence: DemoEvidence): DemoCheck[] {
  const { results, tally, summary, visits } = evidence;
  const expectedFiles = evidence.uploaded.map((key) => `${evidence.uploadBucket}/${key}`);
  const succeeded = results.filter((result) => result.status === 'succeeded');
  const resultBytes = succeeded.reduce((sum, result) => sum + result.bytes, 0);
  const expectedVisits = visits.before + summary.visits.simulated;
  return [
    {
      name: 'one result per file',
      ok: results.length === expectedFiles.length && sameSet(results.map((result) => result.filename), expectedFiles),
      detail: `${formatCount(results.length)} results for ${formatCount(expectedFiles.length)} uploaded files`,
    },
    {
      name: 'totals match an independent count',
      ok: summary.totalWords === tally.totalWords && resultBytes === tally.bytes,
      detail: `results say ${formatCount(summary.totalWords)} words in ${formatCount(resultBytes)} bytes; the independent count says ${formatCount(tally.totalWords)} words in ${formatCount(tally.bytes)} bytes`,
    },
    {
      name: 'one published message per result',
      ok: sameSet(evidence.published, results.map((result) => result.resultId)) && evidence.published.length >= results.length,
      detail: `${formatCount(evidence.published.length)} messages on the results queue, ${formatCount(new Set(evidence.published).size)} distinct result ids`,
    },
    {
      name: 'no dead letters',
      ok: summary.deadLetters === 0,
      detail: `${formatCount(summary.deadLetters)} messages on the dead-letter queue`,
    },
    {
      name: 'every upload backed up',
      ok: evidence.backupFailures === 0 && sameSet(evidence.backupKeys, evidence.uploaded) && evidence.backupKeys.length === evidence.uploaded.length,
      detail: `${formatCount(evidence.backupKeys.length)} backups for ${formatCount(evidence.uploaded.length)} uploads, ${formatCount(evidence.backupFailures)} copies failed`,
    },
    {
      name: 'visits counted exactly',
      ok: visits.after === expectedVisits,
      detail: `${formatCount(visits.after)} visits in total, expected ${formatCount(expectedVisits)}`,
    },
    {
      name: 'exactly one congratulation email',
      ok: summary.emails === 1 && visits.milestonesSeen.length === 1 && visits.milestonesSeen[0] === summary.visits.threshold,
      detail: `emails sent: ${summary.emails}; milestone crossings seen: ${visits.milestonesSeen.map(formatCount).join(', ') || 'none'}`,
    },
  ];
}
