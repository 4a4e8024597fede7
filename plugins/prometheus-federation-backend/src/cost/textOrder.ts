/**
 * Code-point order for metric names and sources. `localeCompare` asks ICU for each comparison:
 * sorting 10 000 names that way holds the event loop for a third of a second.
 */
export function byText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
