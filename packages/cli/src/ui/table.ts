export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned; defaults to left. */
  readonly align?: Align;
}

/**
 * Lays rows out in columns padded to the widest cell, two spaces apart, header first. Width is
 * measured in code points so accented words do not shift the columns.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== columns.length) {
      throw new RangeError(`formatTable: row ${index} has ${row.length} cells, expected ${columns.length}`);
    }
  }
  const width = (text: string) => [...text].length;
  const widths = columns.map((column, c) => Math.max(width(column.header), ...rows.map((row) => width(row[c]))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - width(cell));
        return columns[c].align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n') + '\n';
}
