// Immutable list edits for the editor's rows: replace, remove, swap.
export const replaceAt = <T>(list: readonly T[], i: number, item: T): T[] =>
  list.map((x, j) => (j === i ? item : x));

export const without = <T>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

/** The list with items i and j exchanged (unchanged when either is out of range). */
export function swap<T>(list: readonly T[], i: number, j: number): T[] {
  const out = [...list];
  const a = out[i];
  const b = out[j];
  if (a === undefined || b === undefined) return out;
  out[i] = b;
  out[j] = a;
  return out;
}
