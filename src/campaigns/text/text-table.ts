/** Column alignment of a text table. */
export type Alignment = 'left' | 'right';

/**
 * Lays out rows as a plain-text table with a header line and two spaces between columns.
 * Columns are as wide as their widest cell, counted in UTF-16 code units, so text with
 * wide characters such as Chinese names may not line up exactly.
 */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly Alignment[] = []): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Formats a fraction in [0, 1] as a percentage with one decimal, such as 12.5%. */
export function formatPercent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}
