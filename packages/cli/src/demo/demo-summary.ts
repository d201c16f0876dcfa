import type { WordCount } from '@wordfreq/core';
import { formatDuration } from '@wordfreq/scaling';
import { formatBytes, formatCount, formatPercent } from '../ui/format.js';
import { formatTable } from '../ui/table.js';

/** One self-check of the demo: what was compared, and whether the system got it right. */
export interface DemoCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DemoEmail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** Everything `wordfreq demo` reports; `--json` prints it as one object. */
export interface DemoSummary {
  readonly corpus: string;
  readonly files: number;
  readonly bytes: number;
  readonly workers: number;
  /** From the first job taken to the last result stored. */
  readonly processingMs: number;
  readonly megabytesPerSecond: number;
  readonly succeeded: number;
  /** Permanent failures recorded as failed results (missing, not text, too large). */
  readonly failures: number;
  readonly failuresByCode: Readonly<Record<string, number>>;
  readonly deadLetters: number;
  readonly published: number;
  readonly backups: number;
  readonly totalWords: number;
  readonly distinctWords: number;
  /** Top words of the whole corpus (exact, from the independent tally). */
  readonly topWords: readonly WordCount[];
  /**
   * The thread's time while the workers ran: the processing phase's wall time. The N workers share
   * this process's one thread, so summing each worker's handling time would count the same
   * milliseconds several times over (a worker's await spans the others' counting).
   */
  readonly workerTimeMs: number;
  /** Of that, time spent counting (sum of each result's `countMs`). */
  readonly countTimeMs: number;
  /** countTimeMs / workerTimeMs, 0..1. */
  readonly countingShare: number;
  readonly jobsPerWorker: Readonly<Record<string, number>>;
  readonly visits: { readonly before: number; readonly simulated: number; readonly after: number; readonly threshold: number };
  readonly emails: number;
  readonly email?: DemoEmail;
  readonly checks: readonly DemoCheck[];
}

export function formatDemoJson(summary: DemoSummary): string {
  return JSON.stringify(summary) + '\n';
}

/** The human summary: figures, the corpus's top words, the email, and the checks. */
export function formatDemoText(summary: DemoSummary): string {
  const failures = Object.entries(summary.failuresByCode)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  const figures: [string, string][] = [
    ['corpus', summary.corpus],
    ['files', formatCount(summary.files)],
    ['bytes', `${formatCount(summary.bytes)} (${formatBytes(summary.bytes)})`],
    ['workers', String(summary.workers)],
    ['processing', `${formatDuration(summary.processingMs / 1000)}, ${summary.megabytesPerSecond.toFixed(1)} MB/s`],
    ['results', `${formatCount(summary.succeeded)} succeeded, ${formatCount(summary.failures)} failed${failures ? ` (${failures})` : ''}`],
    ['dead letters', formatCount(summary.deadLetters)],
    ['published', `${formatCount(summary.published)} result messages`],
    ['backups', `${formatCount(summary.backups)} objects in the backup bucket`],
    ['words', `${formatCount(summary.totalWords)} (${formatCount(summary.distinctWords)} different)`],
    [
      'worker time',
      `${formatDuration(summary.workerTimeMs / 1000)} on the worker thread, ${formatDuration(summary.countTimeMs / 1000)} of it counting (${formatPercent(summary.countingShare)}); the rest is I/O, queue and bookkeeping`,
    ],
    ['jobs per worker', Object.entries(summary.jobsPerWorker).map(([worker, jobs]) => `${worker} ${jobs}`).join(', ')],
    [
      'visits',
      `${formatCount(summary.visits.before)} + ${formatCount(summary.visits.simulated)} concurrent = ${formatCount(summary.visits.after)} (milestone ${formatCount(summary.visits.threshold)})`,
    ],
    ['emails', formatCount(summary.emails)],
  ];
  const width = Math.max(...figures.map(([label]) => label.length));
  const lines = figures.map(([label, value]) => `${label.padEnd(width)}  ${value}`);

  const top = formatTable(
    [{ header: '#', align: 'right' }, { header: 'word' }, { header: 'count', align: 'right' }],
    summary.topWords.map((entry, index) => [String(index + 1), entry.word, formatCount(entry.count)]),
  );
  const email = summary.email
    ? [
        '',
        'The congratulation email:',
        `  To: ${summary.email.to.join(', ')}`,
        `  Subject: ${summary.email.subject}`,
        '',
        ...summary.email.text.trimEnd().split('\n').map((line) => (line === '' ? '' : `  ${line}`)),
      ]
    : [];
  const checks = summary.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
  return [
    'wordfreq demo: summary',
    ...lines,
    '',
    'Top words of the whole corpus:',
    top.trimEnd(),
    ...email,
    '',
    'Checks:',
    ...checks,
    '',
  ].join('\n');
}
