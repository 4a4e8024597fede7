/**
 * `added`: the editor added the cluster; `removed`: it took the cluster out; `unchanged`: the
 * file already was as wanted.
 */
export type EditStatus = 'added' | 'removed' | 'unchanged';

/** What an editor returns: the file's new text and whether it changed. */
export interface EditResult {
  content: string;
  status: EditStatus;
  /** Lines for the pull request body: what was done, and what was not and why. */
  notes?: string[];
  /** Constructs the editor left for a human (alert rules by name): the check does not expect them edited. */
  manual?: string[];
}
