/**
 * Trust patterns of discovery: `*` matches any run of characters except `/`, so a host pattern
 * (`*.example.com`) or a URL pattern (`https://*.eks.amazonaws.com`) cannot let an entity
 * add a path or a second host. Matching is case-insensitive and whole-value.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`, 'i').test(value);
}

export function matchesAny(patterns: string[], value: string): boolean {
  return patterns.some(p => matchesPattern(p, value));
}
