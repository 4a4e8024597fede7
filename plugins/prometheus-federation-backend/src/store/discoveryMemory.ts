import { Entity } from '@backstage/catalog-model';
import { SnapshotCopy } from './snapshotCopy';

/** What discovery carries from one refresh to the next, on whichever replica collects. */
export interface DiscoveryState {
  /** Cluster name -> the entity holding it: the first known holder keeps the name. */
  holders: Record<string, string>;
  /** When the catalog was last read. */
  readAt?: string;
  /** Since when the catalog cannot be read; undefined while it answers. */
  failingSince?: string;
  /** Digest of the stored entity list, so that an unchanged list is not written again. */
  listDigest?: string;
}

/** Where discovery keeps its state and the last entity list the catalog answered. */
export interface DiscoveryMemory {
  state(): Promise<DiscoveryState | undefined>;
  saveState(at: string, state: DiscoveryState): Promise<void>;
  entities(): Promise<Entity[] | undefined>;
  saveEntities(at: string, entities: Entity[]): Promise<void>;
}

const STATE_KEY = 'discovery-state:v1';
const ENTITIES_KEY = 'discovery-entities:v1';

/**
 * Discovery's memory in the plugin's database (beside the snapshot copy, table
 * shared_snapshots), so that a restart or another replica keeps the name holders and the last
 * known list. The entities are stored as the catalog answered them (never the secrets config
 * adds), and are checked again with the current trust settings when they are used.
 */
export class SharedDiscoveryMemory implements DiscoveryMemory {
  constructor(private readonly copy: SnapshotCopy) {}

  state() {
    return this.copy.read<DiscoveryState>(STATE_KEY);
  }

  saveState(at: string, state: DiscoveryState) {
    return this.copy.write(at, [[STATE_KEY, state]]);
  }

  entities() {
    return this.copy.read<Entity[]>(ENTITIES_KEY);
  }

  saveEntities(at: string, entities: Entity[]) {
    return this.copy.write(at, [[ENTITIES_KEY, entities]]);
  }
}
