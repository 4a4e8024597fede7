import { Document, isMap, stringify, YAMLMap, YAMLSeq } from 'yaml';
import { ConflictError, InputError } from '@backstage/errors';
import type { FederateScrapeConfig } from '@promfed/plugin-prometheus-federation-common';
import type { EditResult } from './editResult';
import {
  editScrapeConfigs,
  ScrapeConfigsHost,
  scrapeConfigList,
} from './helmValues';
import { escapeForTpl, unescapeTpl } from './tplEscape';
import {
  canonicalJson,
  columnOf,
  copyStyle,
  detectIndentStyle,
} from './yamlText';

/**
 * Adds a federate job where the file keeps its scrape configs (locateScrapeConfigs): an Argo CD
 * Application for kube-prometheus-stack (`valuesObject` or `values: |`), a values file or a
 * plain prometheus.yml. Only the lines of the new job are added: every other byte of the file
 * is kept. See docs/federation-setup.md#federate-jobs.
 */
export function addScrapeJob(
  content: string,
  job: FederateScrapeConfig,
): EditResult {
  return editScrapeConfigs(content, host => {
    if (host.root) return addToValues(host.text, host, job);
    if (host.text.trim() === '') {
      throw new InputError(
        'helm.values is an empty string: add the kube-prometheus-stack values (prometheus.prometheusSpec) first',
      );
    }
    return { content: stringify(valuesWith(job)), status: 'added' };
  });
}

function valuesWith(job: FederateScrapeConfig) {
  return {
    prometheus: {
      prometheusSpec: { additionalScrapeConfigs: [escapeForTpl(job)] },
    },
  };
}

/**
 * Adds the job to the host's scrape configs list. `content` is the text the host was parsed
 * from.
 */
function addToValues(
  content: string,
  host: ScrapeConfigsHost,
  job: FederateScrapeConfig,
): EditResult {
  // Only chart values go through Helm's tpl; a prometheus.yml is read as written.
  const tpl = host.where !== 'prometheus.yml';
  const escaped = tpl ? escapeForTpl(job) : job;
  const valuesRoot = host.root!;
  const doc = host.doc;
  const seq = scrapeConfigList(host);
  if (seq && findExistingJob(seq, job, tpl))
    return { content, status: 'unchanged' };

  if (!seq || seq.flow || seq.items.length === 0 || !seq.range) {
    // Nothing to follow: let the Document API write the list in the file's indentation.
    const style = detectIndentStyle(content, doc.contents);
    if (seq) {
      seq.flow = false;
      seq.items.push(doc.createNode(escaped));
    } else {
      valuesRoot.setIn(host.path, doc.createNode([escaped]));
    }
    return {
      content: doc.toString({ ...style, lineWidth: 0 }),
      status: 'added',
    };
  }

  const first = seq.items[0] as YAMLMap;
  const last = seq.items[seq.items.length - 1] as YAMLMap;
  if (!first.range || !last.range)
    throw new Error('Internal error: no source range');
  const contentCol = columnOf(content, first.range[0]);
  const dashCol =
    content.lastIndexOf('-', first.range[0]) -
    (content.lastIndexOf('\n', first.range[0] - 1) + 1);
  const style = detectIndentStyle(content, first);
  // Write the job the way its neighbour is written: quotes, flow lists, indentation.
  const itemDoc = new Document([escaped]);
  copyStyle((itemDoc.contents as YAMLSeq).items[0], last);
  const item = itemDoc
    .toString({
      indent: Math.max(contentCol - dashCol, 2),
      indentSeq: style.indentSeq,
      lineWidth: 0,
      flowCollectionPadding: false,
    })
    .split('\n')
    .filter(line => line !== '')
    .map(line => ' '.repeat(dashCol) + line)
    .join('\n');

  let at = last.range[1];
  let text = content;
  if (content[at - 1] !== '\n') {
    // The last item ends without a newline (end of file, or a flow value): finish its line.
    const eol = content.indexOf('\n', at);
    at = eol === -1 ? content.length : eol + 1;
    if (eol === -1) {
      text = `${content}\n`;
      at = text.length;
    }
  }
  const result = `${text.slice(0, at)}${item}\n${text.slice(at)}`;
  return { content: result, status: 'added' };
}

/**
 * True when the job is already there with the same settings; a ConflictError when a job of
 * that name exists with different ones (a second copy would make Prometheus reject the config).
 */
function findExistingJob(
  seq: YAMLSeq,
  job: FederateScrapeConfig,
  tpl: boolean,
): boolean {
  for (const item of seq.items) {
    if (!isMap(item) || item.get('job_name') !== job.job_name) continue;
    const existing = comparable(
      tpl ? unescapeTpl(item.toJSON()) : item.toJSON(),
    );
    if (canonicalJson(existing) === canonicalJson(comparable(job))) return true;
    const differing = Object.keys({ ...existing, ...job }).filter(
      key =>
        canonicalJson((existing as any)[key]) !==
        canonicalJson((comparable(job) as any)[key]),
    );
    throw new ConflictError(
      `Scrape job ${
        job.job_name
      } already exists with different settings (${differing.join(', ')}); ` +
        'change or remove it by hand, or run with the same settings',
    );
  }
  return false;
}

/**
 * A job in a form where equivalent settings compare equal: verification left at its default
 * (`insecure_skip_verify: false`) and an https target with its default port 443.
 */
function comparable(job: any): any {
  const copy = JSON.parse(JSON.stringify(job ?? {}));
  if (copy.tls_config?.insecure_skip_verify === false)
    delete copy.tls_config.insecure_skip_verify;
  if (copy.tls_config && Object.keys(copy.tls_config).length === 0)
    delete copy.tls_config;
  if (copy.scheme === 'https') {
    for (const sc of copy.static_configs ?? []) {
      sc.targets = (sc.targets ?? []).map((t: string) =>
        String(t).replace(/:443$/, ''),
      );
    }
  }
  return copy;
}
