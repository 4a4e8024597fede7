import { isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import {
  editScrapeConfigs,
  locateScrapeConfigs,
  ScrapeConfigsHost,
  scrapeConfigList,
} from './helmValues';
import { scrapeConfigResourceOf } from './scrapeConfigResource';
import { escapeForTpl, unescapeTpl } from './tplEscape';
import { canonicalJson, columnOf, parseYaml } from './yamlText';

/**
 * Replaces the `params.match[]` list of the federate job `jobName` with `selectors`, wherever
 * the job lives: the kube-prometheus-stack values (`valuesObject`, `values: |`, a values file),
 * a plain prometheus.yml, or a Prometheus Operator ScrapeConfig resource. Only the lines of
 * that list change: its comments stay, its quoting is followed, `{{` is tpl-escaped in Helm
 * values. Run twice, the second run changes nothing.
 */
export function narrowScrapeJob(
  content: string,
  jobName: string,
  selectors: string[],
): EditResult {
  const resource = scrapeConfigResourceOf(parseYaml(content, 'The file'));
  if (resource) {
    const find = (text: string) =>
      matchListOf(
        scrapeConfigResourceOf(parseYaml(text, 'The edited file'))!.spec,
        `ScrapeConfig ${resource.name}`,
      );
    return narrowIn(content, find, selectors, false);
  }
  return editScrapeConfigs(content, host => {
    const find = (text: string) =>
      jobMatchList(text === host.text ? host : relocate(host, text), jobName);
    return narrowIn(
      host.text,
      find,
      selectors,
      host.where !== 'prometheus.yml',
    );
  });
}

/** The host read again from its edited text. */
function relocate(host: ScrapeConfigsHost, text: string): ScrapeConfigsHost {
  if (host.where !== 'helm.values') return locateScrapeConfigs(text).host;
  const root = parseYaml(text, 'The edited helm.values string').contents;
  return { ...host, text, root: isMap(root) ? root : undefined };
}

/** The job's `match[]` list, or an InputError saying what is missing. */
function jobMatchList(host: ScrapeConfigsHost, jobName: string): YAMLSeq {
  const seq = scrapeConfigList(host);
  const job = seq?.items.find(
    (i: unknown) => isMap(i) && i.get('job_name') === jobName,
  );
  if (!isMap(job)) {
    throw new InputError(
      `No scrape job ${jobName} in ${host.path.join(
        '.',
      )}: add the cluster first`,
    );
  }
  return matchListOf(job, `Scrape job ${jobName}`);
}

function matchListOf(job: YAMLMap, what: string): YAMLSeq {
  const params = job.get('params', true);
  const match = isMap(params) ? params.get('match[]', true) : undefined;
  if (!isSeq(match) || match.items.length === 0 || !match.range) {
    throw new InputError(
      `${what} has no params.match[] list to narrow: edit it by hand`,
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
  find: (text: string) => YAMLSeq,
  selectors: string[],
  tpl: boolean,
): EditResult {
  const match = find(content);
  const unescape = tpl ? unescapeTpl : <T>(v: T) => v;
  const written = tpl ? escapeForTpl(selectors) : selectors;
  const current = unescape(match.toJSON());
  if (canonicalJson(current) === canonicalJson(selectors)) {
    return { content, status: 'unchanged' };
  }
  const items = written.map(s => quoted(s, match.items[0]));
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
  // The edited text must read back with exactly the new list.
  if (canonicalJson(find(result).toJSON()) !== canonicalJson(written)) {
    throw new Error(
      'Internal error: the narrowed match[] does not read back as written; no file was changed',
    );
  }
  return { content: result, status: 'added' };
}
