import { isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { editBlockString, findHelm } from './helmValues';
import { SCRAPE_CONFIGS_PATH } from './scrapeJobs';
import { escapeForTpl, unescapeTpl } from './tplEscape';
import { canonicalJson, columnOf, parseYaml } from './yamlText';

/**
 * Replaces the `params.match[]` list of the federate job `jobName` with `selectors`, in the
 * kube-prometheus-stack Application (`valuesObject` or `values: |`) or a values file. Only the
 * lines of that list change: its comments stay, its quoting is followed, `{{` is tpl-escaped.
 * Run twice, the second run changes nothing.
 */
export function narrowScrapeJob(
  content: string,
  jobName: string,
  selectors: string[],
): EditResult {
  const doc = parseYaml(content, 'The file');
  const root = doc.contents;
  if (!isMap(root)) {
    throw new InputError(
      'The file is not a YAML mapping (expected an Argo CD Application)',
    );
  }
  if (root.has('prometheus'))
    return narrowIn(content, root, jobName, selectors);
  const helm = findHelm(root);
  const valuesObject = helm.get('valuesObject', true);
  if (isMap(valuesObject)) {
    return narrowIn(content, valuesObject, jobName, selectors);
  }
  const values = helm.get('values', true);
  if (!isScalar(values) || typeof values.value !== 'string') {
    throw new InputError(
      'The Application has neither helm.valuesObject nor a helm.values string',
    );
  }
  return editBlockString(content, values, inner => {
    const innerRoot = parseYaml(inner, 'The helm.values string').contents;
    if (!isMap(innerRoot)) {
      throw new InputError('The helm.values string is not a YAML mapping');
    }
    return narrowIn(inner, innerRoot, jobName, selectors);
  });
}

/** The job's `match[]` list, or an InputError saying what is missing. */
function matchList(valuesRoot: YAMLMap, jobName: string): YAMLSeq {
  const seq = valuesRoot.getIn(SCRAPE_CONFIGS_PATH, true);
  const job = isSeq(seq)
    ? seq.items.find(i => isMap(i) && i.get('job_name') === jobName)
    : undefined;
  if (!isMap(job)) {
    throw new InputError(
      `No scrape job ${jobName} in prometheus.prometheusSpec.additionalScrapeConfigs: add the cluster first`,
    );
  }
  const params = job.get('params', true);
  const match = isMap(params) ? params.get('match[]', true) : undefined;
  if (!isSeq(match) || match.items.length === 0 || !match.range) {
    throw new InputError(
      `Scrape job ${jobName} has no params.match[] list to narrow: edit it by hand`,
    );
  }
  return match;
}

/** A selector written as the list's first item is: double-quoted, else single-quoted. */
function quoted(selector: string, like: unknown): string {
  if (isScalar(like) && like.type === Scalar.QUOTE_DOUBLE) {
    return JSON.stringify(selector);
  }
  return `'${selector.replace(/'/g, "''")}'`;
}

function narrowIn(
  content: string,
  valuesRoot: YAMLMap,
  jobName: string,
  selectors: string[],
): EditResult {
  const match = matchList(valuesRoot, jobName);
  const current = unescapeTpl(match.toJSON());
  if (canonicalJson(current) === canonicalJson(selectors)) {
    return { content, status: 'unchanged' };
  }
  const items = escapeForTpl(selectors).map(s => quoted(s, match.items[0]));
  const [start, end] = match.range!;
  let result: string;
  if (match.flow) {
    result = `${content.slice(0, start)}[${items.join(', ')}]${content.slice(
      end,
    )}`;
  } else {
    // Whole lines, from the first item's dash to the end of the last item's line.
    const first = match.items[0] as Scalar;
    const dash = content.lastIndexOf('-', first.range![0]);
    const lineStart = content.lastIndexOf('\n', dash) + 1;
    const last = match.items[match.items.length - 1] as Scalar;
    const eol = content.indexOf('\n', last.range![1]);
    const lineEnd = eol === -1 ? content.length : eol;
    const indent = ' '.repeat(columnOf(content, dash));
    // Comment lines between the old items stay, above the new ones.
    const comments = content
      .slice(lineStart, lineEnd)
      .split('\n')
      .filter(line => line.trim().startsWith('#'));
    const lines = [...comments, ...items.map(i => `${indent}- ${i}`)];
    result =
      content.slice(0, lineStart) + lines.join('\n') + content.slice(lineEnd);
  }
  // The edited file must read back with exactly the new list.
  const check = parseYaml(result, 'The edited file').contents;
  const after = isMap(check) ? readBack(check, jobName) : undefined;
  if (canonicalJson(after) !== canonicalJson(escapeForTpl(selectors))) {
    throw new Error(
      'Internal error: the narrowed match[] does not read back as written; no file was changed',
    );
  }
  return { content: result, status: 'added' };
}

function readBack(root: YAMLMap, jobName: string): unknown {
  if (root.has('prometheus')) return matchList(root, jobName).toJSON();
  const helm = root.has('spec') ? findHelm(root) : undefined;
  const values = helm?.get('valuesObject', true);
  return isMap(values) ? matchList(values, jobName).toJSON() : undefined;
}
