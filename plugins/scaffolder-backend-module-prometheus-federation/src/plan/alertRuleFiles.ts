import type { Inventory } from '../inventory/types';

/** The default alert rule file first, then every other file whose rules list clusters. */
export function alertRuleFiles(
  inventory: Inventory,
  defaultFile: string,
): string[] {
  const others = inventory.places
    .filter(p => p.part === 'alertRules' && p.file !== defaultFile)
    .map(p => p.file);
  return [defaultFile, ...new Set(others)];
}
