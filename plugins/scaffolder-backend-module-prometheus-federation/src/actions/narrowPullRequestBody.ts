import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import type { NarrowClusterInput } from '../validation/narrowClusterInput';

function figure(before?: number, after?: number): string | undefined {
  if (before === undefined || after === undefined) return undefined;
  const percent =
    before > 0 ? Math.round((1000 * (before - after)) / before) / 10 : 0;
  return `${before.toLocaleString('en')} | ${after.toLocaleString(
    'en',
  )} | ${percent}%`;
}

/**
 * Characters of the body given to the names per dashboard and rule: GitHub refuses bodies over
 * 65 536, and the match[] and kept names need their room. Owners past it are counted, not listed.
 */
export const OWNERS_SECTION_CHARS = 30000;

/** Per dashboard and rule, the names it reads: as many owners as fit, the rest counted. */
function ownersSection(input: NarrowClusterInput): string[] {
  if (input.namesByOwner.length === 0) return [];
  const lines: string[] = [];
  let chars = 0;
  for (const { owner, names } of input.namesByOwner) {
    const line = `- \`${owner}\`: ${names.map(n => `\`${n}\``).join(', ')}`;
    if (chars + line.length + 1 > OWNERS_SECTION_CHARS) break;
    lines.push(line);
    chars += line.length + 1;
  }
  const more = input.namesByOwner.length - lines.length;
  return [
    `### Names kept, per dashboard and rule (${input.namesByOwner.length})`,
    ...lines,
    ...(more > 0
      ? [
          `- and ${more} more dashboards and rules (the cluster's cost view in the portal lists them)`,
        ]
      : []),
    '',
  ];
}

/**
 * The PR body: the new match[], the savings as measured, the kept names and who reads them, what
 * to check after.
 */
export function narrowPullRequestBody(
  input: NarrowClusterInput,
  namesChecked: boolean,
): string {
  const job = federateJobName(input.cluster);
  const s = input.savings;
  const rows = [
    ['series', figure(s.seriesBefore, s.seriesAfter)],
    ['samples per scrape', figure(s.samplesBefore, s.samplesAfter)],
    ['bytes per scrape', figure(s.bytesBefore, s.bytesAfter)],
  ].filter(([, f]) => f !== undefined);
  const lines = [
    `Narrows the ops Prometheus job \`${job}\` from every series to the series that ops rules and dashboards use.`,
    '',
    '### match[]',
    ...input.selectors.map(sel => `- \`${sel}\``),
    '',
  ];
  if (rows.length > 0) {
    lines.push(
      '### Savings per federate scrape',
      '| | before | after | saved |',
      '|---|---|---|---|',
      ...rows.map(([what, f]) => `| ${what} | ${f} |`),
      '',
      'Before: measured by ops Prometheus for this cluster. After: the series the selectors keep; samples and bytes scale with them.',
      '',
    );
  }
  if (namesChecked) {
    lines.push(
      `### Metric names kept (${input.keptNames.length})`,
      input.keptNames.map(n => `\`${n}\``).join(', '),
      '',
      'Checked in the edited file: the selectors admit exactly these names (RE2, fully anchored, as Prometheus reads them).',
      '',
    );
  } else {
    lines.push(
      'No kept names were given: which names the selectors keep was not checked.',
      '',
    );
  }
  lines.push(...ownersSection(input));
  lines.push(
    '### After merge',
    `1. Argo CD syncs kube-prometheus-stack; ops Prometheus reloads the job \`${job}\`.`,
    `2. \`scrape_samples_scraped{job="${job}"}\` falls to the expected samples${
      namesChecked
        ? `; the dashboards filtered to \`source_cluster="${input.cluster}"\` still show their panels`
        : ''
    }.`,
    '3. A metric a new dashboard needs later: add its name to the selector (the portal proposes it).',
  );
  return lines.join('\n');
}
