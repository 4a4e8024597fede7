import { InputError } from '@backstage/errors';
import type { Inventory, Layout, Part, Place } from '../inventory/types';

/**
 * The layout the other clusters' `part` is written in, with their places, last file last; or
 * undefined when no other cluster has one. Two layouts side by side, or a shape of that part
 * the inventory could not read, are an InputError naming the files: the action never adds a
 * second layout beside the first.
 */
export function siblingLayout(
  inventory: Inventory,
  cluster: string,
  part: Part,
): { layout: Layout; places: Place[] } | undefined {
  refuseUnknown(inventory, part);
  const places = inventory.places
    .filter(p => p.part === part && p.cluster !== cluster)
    .sort((a, b) => a.file.localeCompare(b.file) || a.span[0] - b.span[0]);
  const layouts = [...new Set(places.map(p => p.layout))];
  if (layouts.length > 1) {
    const where = layouts.map(
      l => `${l} (${places.find(p => p.layout === l)!.file})`,
    );
    throw new InputError(
      `The repository writes ${part} in more than one layout: ${where.join(
        ', ',
      )}; make it one layout first, the action does not choose`,
    );
  }
  return layouts.length === 0 ? undefined : { layout: layouts[0], places };
}

/** A shape of `part` the inventory could not read: an InputError naming the file and construct. */
export function refuseUnknown(inventory: Inventory, part: Part) {
  const shape = inventory.unknown.find(u => u.part === part);
  if (shape) {
    throw new InputError(
      `${shape.file}: ${shape.construct} is not a layout the action supports (${shape.reason}); nothing was written`,
    );
  }
}
