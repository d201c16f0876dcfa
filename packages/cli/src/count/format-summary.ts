import type { CountSummary } from '@wordfreq/core';
import { formatCount } from '../ui/format.js';
import { formatTable } from '../ui/table.js';

/** The human-readable block for one input: a header line, then rank, word and count columns. */
export function formatSummaryTable(name: string, summary: CountSummary): string {
  const title = name === '-' ? '(standard input)' : name;
  const header = `${title}: ${plural(summary.bytes, 'byte')}, ${plural(summary.totalWords, 'word')}, ${formatCount(summary.distinctWords)} distinct\n`;
  if (summary.top.length === 0) return `${header}  (no words)\n`;
  const rows = summary.top.map((entry, index) => [String(index + 1), entry.word, formatCount(entry.count)]);
  const table = formatTable([{ header: '#', align: 'right' }, { header: 'word' }, { header: 'count', align: 'right' }], rows);
  return header + table.replace(/^/gm, '  ').replace(/ +$/, '');
}

/** One JSON object on one line, the `--json` shape documented in the usage text; `extra` fields go last. */
export function formatSummaryJson(name: string, summary: CountSummary, extra: Readonly<Record<string, unknown>> = {}): string {
  return (
    JSON.stringify({
      file: name,
      bytes: summary.bytes,
      totalWords: summary.totalWords,
      distinctWords: summary.distinctWords,
      top: summary.top.map(({ word, count }) => ({ word, count })),
      ...extra,
    }) + '\n'
  );
}

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
