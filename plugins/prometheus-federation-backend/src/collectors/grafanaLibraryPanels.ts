/**
 * Which library panels a dashboard's JSON refers to, at any depth: what to fetch besides it.
 */
import { asArray, asObject, Json } from '../jsonShape';

/** Library panel uids a dashboard refers to, at any depth, to fetch before reading it. */
export function libraryPanelUids(dashboard: Json): string[] {
  const uids = new Set<string>();
  const visit = (panels: unknown) => {
    for (const panel of asArray(panels)) {
      const library = asObject(panel.libraryPanel);
      if (library && typeof library.uid === 'string') uids.add(library.uid);
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  visit(dashboard.rows);
  return [...uids].sort();
}
