/**
 * What a replica answers before any snapshot exists (no stored copy either): the first
 * collection runs, and the list says when its snapshot is due instead of making the caller wait.
 */
export interface FirstCollection {
  /** When this replica started waiting for the first snapshot (ISO 8601). */
  since: string;
  /**
   * Seconds until the first snapshot is expected: the last collection's duration when this
   * replica has one, else the collection's time limit; 0 once that time has passed.
   */
  dueInSeconds: number;
}

/** The sentence the page and the 503 of a cluster read show while the first collection runs. */
export function firstCollectionText(collecting: FirstCollection): string {
  return collecting.dueInSeconds > 0
    ? `Collecting federation health: the first snapshot is due in ${collecting.dueInSeconds} s.`
    : 'Collecting federation health: the first snapshot is due any moment now.';
}
