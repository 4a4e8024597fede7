import { parser } from '@prometheus-io/lezer-promql';
import { InputError } from '@backstage/errors';
import {
  MAX_MATCH_SELECTOR_CHARS,
  NamesByOwner,
} from '@promfed/plugin-prometheus-federation-common';
import type { NarrowClusterActionInput } from '../actions/narrowCluster.schema';
import {
  validateClusterName,
  validateMetricName,
  validateRepoPath,
} from './inputs';
import { validateNamesByOwner } from './namesByOwner';
import { selectorsKeepProblem } from './selectorNames';

/** The narrow input after normalisation. */
export interface NarrowClusterInput {
  cluster: string;
  selectors: string[];
  keptNames: string[];
  /** Per dashboard and rule, the names it reads; each kept by the selectors. */
  namesByOwner: NamesByOwner[];
  savings: NonNullable<NarrowClusterActionInput['savings']>;
  repoPath: string;
  paths: NonNullable<NarrowClusterActionInput['paths']>;
}

/** A narrowed selector lists names: longer than an add's, still one line (the backend splits to fit). */
const MAX_SELECTOR = MAX_MATCH_SELECTOR_CHARS;

/**
 * A match[] selector as the official PromQL grammar reads it: exactly one vector selector (what
 * /federate accepts), on one line, without `${` (a template would expand it).
 */
export function validateSelector(value: string, field: string) {
  const tree = parser.parse(value);
  let errors = 0;
  tree.iterate({
    enter(n) {
      if (n.type.isError) errors++;
    },
  });
  const top = tree.topNode.firstChild;
  if (
    value.length > MAX_SELECTOR ||
    /[\n\r]/.test(value) ||
    value.includes('${') ||
    errors > 0 ||
    top?.name !== 'VectorSelector' ||
    top.to !== value.length
  ) {
    throw new InputError(
      `Invalid ${field} "${value.slice(
        0,
        80,
      )}": use one PromQL series selector such as '{__name__=~"http_requests_total|up"}'`,
    );
  }
}

const blank = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

export function validateNarrowClusterInput(
  raw: NarrowClusterActionInput,
): NarrowClusterInput {
  const input: NarrowClusterInput = {
    cluster: String(raw.cluster ?? ''),
    selectors: (raw.selectors ?? []).map(s => String(s).trim()),
    keptNames: [...new Set(raw.keptNames ?? [])].sort(),
    namesByOwner: raw.namesByOwner ?? [],
    savings: raw.savings ?? {},
    repoPath: blank(raw.repoPath) ?? '.',
    paths: Object.fromEntries(
      Object.entries(raw.paths ?? {}).filter(([, v]) => blank(v) !== undefined),
    ),
  };
  validateClusterName(input.cluster);
  if (input.selectors.length === 0) {
    throw new InputError(
      'Invalid selectors: give at least one match[] selector',
    );
  }
  input.selectors.forEach((s, i) => validateSelector(s, `selectors[${i}]`));
  for (const name of input.keptNames) validateMetricName(name, 'keptNames');
  const problem =
    input.keptNames.length > 0
      ? selectorsKeepProblem(input.selectors, input.keptNames)
      : undefined;
  if (problem) {
    throw new InputError(
      `Invalid selectors: they must keep exactly keptNames, evaluated as Prometheus does (RE2, fully anchored): ${problem}`,
    );
  }
  validateNamesByOwner(input.namesByOwner, input.selectors);
  if (input.repoPath !== '.') validateRepoPath(input.repoPath, 'repoPath');
  for (const [key, value] of Object.entries(input.paths)) {
    validateRepoPath(value!, `paths.${key}`);
  }
  return input;
}
