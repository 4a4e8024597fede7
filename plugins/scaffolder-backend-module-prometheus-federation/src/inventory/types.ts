/** The parts of the set-up a cluster is federated by (docs/federation-setup.md). */
export const PARTS = [
  'scrapeJob',
  'securityRule',
  'alertRules',
  'exposure',
  'catalogEntity',
] as const;
export type Part = (typeof PARTS)[number];

/** How a repository writes a part: each layout the inventory reads. */
export type Layout =
  | 'helmValues'
  | 'prometheusYml'
  | 'scrapeConfigResource'
  | 'terraformResource'
  | 'terraformForEach'
  | 'terraformModule'
  | 'prometheusRule'
  | 'ingress'
  | 'httpRoute'
  | 'catalogFile';

/** One place where the repository federates a cluster. */
export interface Place {
  part: Part;
  layout: Layout;
  cluster: string;
  file: string;
  /** What it is, as a reader finds it in the file: `job federate-blue`, `module.federation_blue`. */
  construct: string;
  /** Its characters in the file (for a `values: |` string, the string's). */
  span: [number, number];
}

/** A shape the inventory does not understand: named with its file, never guessed at. */
export interface UnknownShape {
  file: string;
  /** The part it would be, when the reader knows. */
  part?: Part;
  construct: string;
  reason: string;
}

/** Every place the repository federates each cluster, and what could not be read. */
export interface Inventory {
  places: Place[];
  unknown: UnknownShape[];
}

/** The places of one cluster, of one part when given. */
export function placesOf(
  inventory: Inventory,
  cluster: string,
  part?: Part,
): Place[] {
  return inventory.places.filter(
    p => p.cluster === cluster && (part === undefined || p.part === part),
  );
}

/** How a place reads in a pull request body: file and construct. */
export function describePlace(place: Place): string {
  return `\`${place.file}\`: ${place.construct}`;
}
