import { describe, expect, it } from 'vitest';
import { formatTable } from './table.js';

describe('formatTable', () => {
  it('pads columns to the widest cell and right-aligns numeric columns', () => {
    const text = formatTable(
      [{ header: 'word' }, { header: 'count', align: 'right' }],
      [
        ['the', '1,204'],
        ['café', '7'],
      ],
    );
    expect(text).toBe(['word  count', 'the   1,204', 'café      7', ''].join('\n'));
  });

  it('rejects a row with the wrong number of cells, naming the row', () => {
    expect(() => formatTable([{ header: 'a' }], [['x', 'y']])).toThrow(/row 0 has 2 cells, expected 1/);
  });
});
