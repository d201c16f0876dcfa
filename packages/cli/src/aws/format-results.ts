import type { JobResult } from '@wordfreq/core';
import { formatBytes, formatCount } from '../ui/format.js';
import { formatTable } from '../ui/table.js';

/**
 * One result in full: what was counted and its top words, or why it failed. `goSource` names where a
 * result in the Go sample's layout came from: a row the sample wrote (default), or a message.
 */
export function formatResult(result: JobResult, goSource = 'from the Go sample'): string {
  if (result.status === 'failed') {
    const reason = result.error === undefined ? 'no reason recorded' : `${result.error.code}: ${result.error.message}`;
    return `${result.filename}: failed, ${reason}\n`;
  }
  // The Go sample keeps only the top words: say where the result came from rather than print zero totals.
  const head =
    result.origin === 'go-sample'
      ? `${result.filename}: ${goSource} (it keeps only the top words, no totals)\n`
      : `${result.filename}: ${formatCount(result.totalWords)} words, ${formatCount(result.distinctWords)} different, ${formatBytes(result.bytes)}\n`;
  if (result.words.length === 0) return head;
  const table = formatTable(
    [{ header: 'word' }, { header: 'count', align: 'right' }],
    result.words.map((entry) => [entry.word, formatCount(entry.count)]),
  );
  return head + table.replace(/^(?=.)/gm, '  ');
}

const topPreview = 3;

/** Many results, one line each: the results table as the sample's readers would want to scan it. */
export function formatResultsTable(results: readonly JobResult[]): string {
  return formatTable(
    [
      { header: 'file' },
      { header: 'status' },
      { header: 'bytes', align: 'right' },
      { header: 'words', align: 'right' },
      { header: 'different', align: 'right' },
      { header: 'top words (or error)' },
    ],
    results.map((result) => [
      result.filename,
      result.origin === 'go-sample' ? `${result.status} (Go sample)` : result.status,
      ...(result.origin === 'go-sample' ? ['', '', ''] : [formatCount(result.bytes), formatCount(result.totalWords), formatCount(result.distinctWords)]),
      result.status === 'failed'
        ? (result.error?.code ?? '')
        : result.words
            .slice(0, topPreview)
            .map((entry) => `${entry.word} ${formatCount(entry.count)}`)
            .join(', '),
    ]),
  );
}

/** One JSON object per line: the stored result as it is. */
export function formatResultJson(result: JobResult): string {
  return JSON.stringify(result) + '\n';
}
