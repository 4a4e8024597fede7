/** `added`: the editor changed the file; `unchanged`: the file already had the change. */
export type EditStatus = 'added' | 'unchanged';

/** What an editor returns: the file's new text and whether it changed. */
export interface EditResult {
  content: string;
  status: EditStatus;
}
