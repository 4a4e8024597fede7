import type { RepoReader } from '../workspace/repoReader';
import { terraformPlaces } from './terraformPlaces';
import type { Inventory } from './types';
import { yamlPlaces } from './yamlPlaces';

/** The reader of each kind of file, by the end of its name. */
const READERS = [
  [/\.ya?ml$/, yamlPlaces],
  [/\.tf$/, terraformPlaces],
] as const;

/**
 * Reads, for every cluster, each place the repository federates it: every YAML and Terraform
 * file of the workspace folder, read by the readers of their kind. Nothing is guessed: a shape
 * a reader does not understand is listed with its file in `unknown`.
 */
export async function readInventory(repo: RepoReader): Promise<Inventory> {
  const inventory: Inventory = { places: [], unknown: [] };
  for (const file of await repo.files()) {
    const reader = READERS.find(([ending]) => ending.test(file))?.[1];
    if (!reader) continue;
    const content = await repo.read(file);
    if (content === undefined) continue;
    const { places, unknown } = reader(file, content);
    inventory.places.push(...places);
    inventory.unknown.push(...unknown);
  }
  return inventory;
}
