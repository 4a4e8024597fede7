import { InputError } from '@backstage/errors';
import {
  MAX_NARROW_OWNER_CHARS,
  MAX_NARROW_OWNER_NAMES,
  MAX_NARROW_OWNERS,
  NamesByOwner,
  narrowOwnerLabel,
} from '@promfed/plugin-prometheus-federation-common';
import { validateMetricName } from './inputs';
import { selectorNames } from './selectorNames';

/**
 * The narrow action's `namesByOwner`: within the common maxima, each owner a clean label (the
 * portal fits it with `namesByOwnerForNarrow`), each name a metric name the selectors keep, so
 * the pull request never lists a name it does not federate.
 */
export function validateNamesByOwner(
  list: NamesByOwner[],
  selectors: string[],
): void {
  if (list.length > MAX_NARROW_OWNERS) {
    throw new InputError(
      `Invalid namesByOwner: ${list.length} dashboards and rules, at most ${MAX_NARROW_OWNERS}; list the first ones (namesByOwnerForNarrow does)`,
    );
  }
  const read = selectors.map(selectorNames);
  const kept = (name: string) => read.some(r => r.ok && r.matches(name));
  list.forEach(({ owner, names }, i) => {
    const field = `namesByOwner[${i}]`;
    if (
      typeof owner !== 'string' ||
      !owner ||
      narrowOwnerLabel(owner) !== owner
    ) {
      throw new InputError(
        `Invalid ${field}.owner: give one line without backticks, at most ${MAX_NARROW_OWNER_CHARS} characters (namesByOwnerForNarrow fits it)`,
      );
    }
    if (!Array.isArray(names) || names.length === 0) {
      throw new InputError(
        `Invalid ${field}.names: give the metric names ${owner} reads`,
      );
    }
    if (names.length > MAX_NARROW_OWNER_NAMES) {
      throw new InputError(
        `Invalid ${field}.names: ${names.length} names, at most ${MAX_NARROW_OWNER_NAMES}`,
      );
    }
    for (const name of names) {
      validateMetricName(name, `${field}.names`);
      if (!kept(name)) {
        throw new InputError(
          `Invalid ${field}.names: the selectors do not keep "${name}", which ${owner} reads; add it to a selector or leave it out of namesByOwner`,
        );
      }
    }
  });
}
