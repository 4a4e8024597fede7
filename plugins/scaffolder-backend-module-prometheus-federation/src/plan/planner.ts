import { InputError } from '@backstage/errors';
import type { RepositoryFileKind } from '@promfed/plugin-prometheus-federation-common';
import type { EditResult, EditStatus } from '../editors/editResult';
import { FederationEditError } from '../errors';
import type { RepoReader } from '../workspace/repoReader';

/** The files of the set-up, and the HTTPRoute a leaf may use instead of an Ingress. */
export type FileKind = RepositoryFileKind | 'httpRoute';

/** One file the action adds, edits or deletes: its new content and whether that changes it. */
export interface FileChange {
  kind: FileKind;
  path: string;
  status: EditStatus;
  content: string;
  /** The content before; undefined for a new file. */
  previous?: string;
  /** The file is to be deleted (content is then empty). */
  deleted?: boolean;
  /** What the editor did or could not do, for the pull request body. */
  notes?: string[];
  /** Constructs the editor left for a human (alert rules by name). */
  manual?: string[];
}

/**
 * Collects the planned changes of one run, reading each file once. An editor's error is
 * wrapped with the path of its file; a required file that is missing is an InputError.
 */
export function createPlanner(repo: RepoReader) {
  const changes: FileChange[] = [];
  return {
    changes,
    async edit(
      kind: FileKind,
      file: string,
      required: boolean,
      run: (content: string | undefined) => Promise<EditResult> | EditResult,
    ) {
      const previous = await repo.read(file);
      if (previous === undefined && required) {
        throw new InputError(
          `${file}: file not found in the workspace; fetch it before this step or set its path in "paths"`,
        );
      }
      try {
        changes.push({ kind, path: file, previous, ...(await run(previous)) });
      } catch (error) {
        throw new FederationEditError(file, error);
      }
    },
    /** Plans the deletion of a file, when it is there. */
    async remove(kind: FileKind, file: string) {
      const previous = await repo.read(file);
      if (previous === undefined) return;
      changes.push({
        kind,
        path: file,
        status: 'removed',
        content: '',
        previous,
        deleted: true,
      });
    },
  };
}
