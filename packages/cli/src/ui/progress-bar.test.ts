import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress } from './progress-bar.js';

function sink(tty: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  Object.assign(stream, { isTTY: tty, columns: 100 });
  return { stream, text: () => chunks.join(''), writes: () => chunks.length };
}

describe('startProgress on a terminal', () => {
  it('redraws one line in place and ends with the full bar and a newline', () => {
    const out = sink(true);
    const bar = startProgress(out.stream, { label: 'count', total: 4 });
    for (let i = 0; i < 4; i++) bar.advance();
    bar.finish();
    const text = out.text();
    expect(text.startsWith('\r')).toBe(true);
    expect(text.endsWith(`count [${'#'.repeat(24)}] 100% 4/4\x1b[K\n`)).toBe(true);
    expect(text).toContain(' 50% 2/4');
    expect(text.split('\n')).toHaveLength(2);
  });

  it('writes nothing when an advance does not change the text', () => {
    const out = sink(true);
    const bar = startProgress(out.stream, { label: 'upload', total: 10_000_000, unit: 'bytes' });
    const before = out.writes();
    for (let i = 0; i < 1000; i++) bar.advance(1);
    // 1,000 bytes of 10 MB still reads "0% 0.0/10.0 MB": no redraw at all.
    expect(out.writes() - before).toBe(0);
    bar.advance(5_000_000);
    expect(out.text()).toContain(' 50% 5.0/10.0 MB');
  });
});

describe('startProgress in a log (not a terminal)', () => {
  it('prints a line per quarter and a done line, without carriage returns', () => {
    const out = sink(false);
    const bar = startProgress(out.stream, { label: 'count', total: 8 });
    for (let i = 0; i < 8; i++) bar.advance();
    bar.finish();
    bar.finish();
    expect(out.text()).toBe(
      ['count: 0% (0/8)', 'count: 25% (2/8)', 'count: 50% (4/8)', 'count: 75% (6/8)', 'count: done (8/8)', ''].join('\n'),
    );
  });

  it('never counts past the total', () => {
    const out = sink(false);
    const bar = startProgress(out.stream, { label: 'x', total: 2 });
    bar.advance(5);
    bar.finish();
    expect(out.text()).toContain('x: done (2/2)');
  });
});
