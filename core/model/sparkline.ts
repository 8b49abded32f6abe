/** Eight heights of a block, lowest first (Unicode's lower eighth to full block, U+2581 to U+2588). */
const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * A row of bars, one character per value, scaled to the largest; a value of nothing (0 or absent) gets the
 * lowest bar, and any other value at least the second, so that a little never looks like nothing.
 */
export function sparkline(values: readonly (number | undefined)[]): string {
  const highest = Math.max(0, ...values.map((value) => value ?? 0));
  return values
    .map((value) => {
      if (!value || value <= 0 || highest === 0) return BLOCKS[0];
      return BLOCKS[1 + Math.min(BLOCKS.length - 2, Math.floor((value / highest) * (BLOCKS.length - 1) - 1e-9))];
    })
    .join('');
}
