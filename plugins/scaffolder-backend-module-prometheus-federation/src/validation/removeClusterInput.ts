import { InputError } from '@backstage/errors';
import type { RemoveClusterActionInput } from '../actions/removeCluster.schema';
import { validateClusterName, validateRepoPath } from './inputs';

/** The remove input after normalisation: blanks removed, defaults filled in. */
export interface RemoveClusterInput {
  cluster: string;
  opsCluster: string;
  updateAlertRules: boolean;
  repoPath: string;
  paths: NonNullable<RemoveClusterActionInput['paths']>;
}

const blank = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/** Normalises the input and checks it before any file is read. */
export function validateRemoveClusterInput(
  raw: RemoveClusterActionInput,
): RemoveClusterInput {
  const input: RemoveClusterInput = {
    cluster: String(raw.cluster ?? ''),
    opsCluster: blank(raw.opsCluster) ?? 'ops',
    updateAlertRules: raw.updateAlertRules ?? true,
    repoPath: blank(raw.repoPath) ?? '.',
    paths: Object.fromEntries(
      Object.entries(raw.paths ?? {}).filter(([, v]) => blank(v) !== undefined),
    ),
  };
  validateClusterName(input.cluster);
  validateClusterName(input.opsCluster, 'opsCluster');
  if (input.cluster === input.opsCluster) {
    throw new InputError(
      `Invalid cluster "${input.cluster}": the ops cluster is not a federated leaf`,
    );
  }
  if (input.repoPath !== '.') validateRepoPath(input.repoPath, 'repoPath');
  for (const [key, value] of Object.entries(input.paths)) {
    validateRepoPath(value!, `paths.${key}`);
  }
  return input;
}
