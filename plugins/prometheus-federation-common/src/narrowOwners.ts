/**
 * The names each dashboard and rule reads, as the narrow action accepts them for its pull request
 * body: the portal fits the proposal's `namesByOwner` with `namesByOwnerForNarrow`, the action
 * refuses what does not fit (`narrowOwnerLabel(owner) !== owner`, more than the maxima).
 */
import type { NamesByOwner } from './cost';

/** Most dashboards and rules listed; a proposal with more lists the first (by owner). */
export const MAX_NARROW_OWNERS = 2000;
/** Longest owner label (a dashboard title can be long). */
export const MAX_NARROW_OWNER_CHARS = 200;
/** Most names listed for one dashboard or rule. */
export const MAX_NARROW_OWNER_NAMES = 1000;

/**
 * An owner label as the pull request shows it, in a code span: one line, no backtick, at most
 * MAX_NARROW_OWNER_CHARS (cut with an ellipsis).
 */
export function narrowOwnerLabel(owner: string): string {
  // eslint-disable-next-line no-control-regex
  const line = owner.replace(/[\u0000-\u001f\u007f`]+/g, ' ').trim();
  return line.length > MAX_NARROW_OWNER_CHARS
    ? `${line.slice(0, MAX_NARROW_OWNER_CHARS - 1)}…`
    : line;
}

/** `namesByOwner` fitted to what the narrow action accepts: labels cleaned, within the maxima. */
export function namesByOwnerForNarrow(list: NamesByOwner[]): NamesByOwner[] {
  const byOwner = new Map<string, Set<string>>();
  for (const { owner, names } of list) {
    const label = narrowOwnerLabel(owner);
    if (!label || names.length === 0) continue;
    const kept = byOwner.get(label) ?? new Set<string>();
    names.forEach(n => kept.add(n));
    byOwner.set(label, kept);
  }
  return (
    [...byOwner.entries()]
      // Code-point order, as the backend lists owners (no ICU call per comparison).
      .sort(([a], [b]) => Number(a > b) - Number(a < b))
      .slice(0, MAX_NARROW_OWNERS)
      .map(([owner, names]) => ({
        owner,
        names: [...names].sort().slice(0, MAX_NARROW_OWNER_NAMES),
      }))
  );
}
