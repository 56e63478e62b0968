/** Plain code-unit order, the same as SQL `ORDER BY ... COLLATE "C"`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** De-duplicated and sorted in code-unit order. */
export function sortedUnique<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort(compareCodeUnits);
}
