import {
  Document,
  isMap,
  isScalar,
  isSeq,
  Scalar,
  stringify,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { ConflictError, InputError } from '@backstage/errors';
import type { FederateScrapeConfig } from '@internal/plugin-prometheus-federation-common';
import {
  canonicalJson,
  columnOf,
  detectIndentStyle,
  parseYaml,
} from './yamlText';

/** Where kube-prometheus-stack reads extra scrape configs, inside the chart values (tests read it too). */
export const SCRAPE_CONFIGS_PATH = [
  'prometheus',
  'prometheusSpec',
  'additionalScrapeConfigs',
];

export type EditStatus = 'added' | 'unchanged';

export interface EditResult {
  content: string;
  status: EditStatus;
}

/**
 * kube-prometheus-stack renders `additionalScrapeConfigs` through Helm's `tpl`: a literal `{{`
 * would start a template action, so it is written as `{{ "{{" }}`.
 */
export function escapeForTpl<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/\{\{/g, '{{ "{{" }}') as T;
  }
  if (Array.isArray(value)) return value.map(escapeForTpl) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [escapeForTpl(k), escapeForTpl(v)]),
    ) as T;
  }
  return value;
}

/** What `tpl` makes of an escaped value: the inverse of {@link escapeForTpl}. */
export function unescapeTpl<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/\{\{ "\{\{" \}\}/g, '{{') as T;
  }
  if (Array.isArray(value)) return value.map(unescapeTpl) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [unescapeTpl(k), unescapeTpl(v)]),
    ) as T;
  }
  return value;
}

/**
 * Adds a federate job to an Argo CD Application for kube-prometheus-stack, whose Helm values
 * are either `valuesObject` (YAML) or `values: |` (YAML inside a YAML string). A plain values
 * file (top-level `prometheus:`) works too. Only the lines of the new job are added: every
 * other byte of the file is kept.
 */
export function addScrapeJob(
  content: string,
  job: FederateScrapeConfig,
): EditResult {
  const doc = parseYaml(content, 'The file');
  const root = doc.contents;
  if (!isMap(root)) {
    throw new InputError(
      'The file is not a YAML mapping (expected an Argo CD Application)',
    );
  }
  if (root.has('prometheus')) return addToValues(content, doc, root, job);

  const helm = findHelm(root);
  const valuesObject = helm.get('valuesObject', true);
  if (valuesObject !== undefined) {
    if (!isMap(valuesObject)) {
      throw new InputError('helm.valuesObject is not a mapping');
    }
    return addToValues(content, doc, valuesObject, job);
  }
  const values = helm.get('values', true);
  if (!isScalar(values) || typeof values.value !== 'string') {
    throw new InputError(
      'The Application has neither helm.valuesObject nor a helm.values string: add one of them',
    );
  }
  return addToBlockString(content, values, job);
}

/** `spec.source.helm`, or the `helm` of the kube-prometheus-stack entry of `spec.sources`. */
export function findHelm(root: YAMLMap): YAMLMap {
  const source = root.getIn(['spec', 'source', 'helm'], true);
  if (isMap(source)) return source;
  const sources = root.getIn(['spec', 'sources'], true);
  if (isSeq(sources)) {
    const helms = sources.items
      .filter(isMap)
      .filter(s => isMap(s.get('helm', true)));
    const chosen =
      helms.find(s => s.get('chart') === 'kube-prometheus-stack') ?? helms[0];
    if (chosen) return chosen.get('helm', true) as unknown as YAMLMap;
  }
  throw new InputError(
    'No spec.source.helm (or spec.sources[].helm) in the Application: is this the kube-prometheus-stack Application?',
  );
}

/** The values are a `|` block string: edit the inner YAML as its own document and re-embed it. */
function addToBlockString(
  content: string,
  values: Scalar,
  job: FederateScrapeConfig,
): EditResult {
  if (values.type !== Scalar.BLOCK_LITERAL || !values.range) {
    throw new InputError(
      'helm.values must be a literal block string ("values: |"); folded or quoted values cannot be edited safely',
    );
  }
  const header = content.indexOf('\n', values.range[0]) + 1;
  // Only clip chomping ("|") maps the block's lines one to one onto the string's lines.
  if (/^\|[0-9]*[-+]/.test(content.slice(values.range[0], header).trim())) {
    throw new InputError(
      'helm.values uses "|-" or "|+" chomping; write it as "values: |" so a job can be added without rewriting the block',
    );
  }
  const inner = values.value as string;
  if (inner.trim() === '') {
    throw new InputError(
      'helm.values is an empty string: add the kube-prometheus-stack values (prometheus.prometheusSpec) first',
    );
  }
  const innerDoc = parseYaml(inner, 'The helm.values string');
  const innerRoot = innerDoc.contents ?? null;
  if (innerRoot !== null && !isMap(innerRoot)) {
    throw new InputError('The helm.values string is not a YAML mapping');
  }
  const edited = innerRoot
    ? addToValues(inner, innerDoc, innerRoot, job)
    : { content: stringify(valuesWith(job)), status: 'added' as const };
  if (edited.status === 'unchanged') return { content, status: 'unchanged' };

  // Lines of a literal block map one to one onto the lines of its value.
  const blockIndent = detectBlockIndent(content, header, values.range[1]);
  const oldLines = inner.split('\n');
  const newLines = edited.content.split('\n');
  let prefix = 0;
  while (
    prefix < oldLines.length &&
    prefix < newLines.length &&
    oldLines[prefix] === newLines[prefix]
  )
    prefix++;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] ===
      newLines[newLines.length - 1 - suffix]
  ) {
    suffix++;
  }
  const outerLines = content.slice(header).split('\n');
  const replaced = newLines
    .slice(prefix, newLines.length - suffix)
    .map(line => (line === '' ? '' : blockIndent + line));
  outerLines.splice(prefix, oldLines.length - suffix - prefix, ...replaced);
  const result = content.slice(0, header) + outerLines.join('\n');

  // The re-embedded string must read back as exactly the edited values.
  const check = parseYaml(result, 'The edited file');
  const after = findValuesScalar(check);
  if (after?.value !== edited.content) {
    throw new Error(
      'Internal error: the edited helm.values string does not read back as written; no file was changed',
    );
  }
  return { content: result, status: 'added' };
}

function findValuesScalar(doc: Document.Parsed): Scalar | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const values = findHelm(root).get('values', true);
  return isScalar(values) ? values : undefined;
}

function detectBlockIndent(
  content: string,
  start: number,
  end: number,
): string {
  const header = content.slice(content.lastIndexOf('\n', start - 2) + 1, start);
  const explicit = /\|[+-]?(\d)/.exec(header);
  const lines = content.slice(start, end).split('\n');
  const first = lines.find(l => l.trim() !== '') ?? '';
  const indent = first.length - first.trimStart().length;
  if (explicit) {
    const keyIndent = header.length - header.trimStart().length;
    return ' '.repeat(keyIndent + Number(explicit[1]));
  }
  return ' '.repeat(indent);
}

function valuesWith(job: FederateScrapeConfig) {
  return {
    prometheus: {
      prometheusSpec: { additionalScrapeConfigs: [escapeForTpl(job)] },
    },
  };
}

/**
 * Adds the job to `prometheus.prometheusSpec.additionalScrapeConfigs` under `valuesRoot`.
 * `content` is the text `doc` was parsed from.
 */
function addToValues(
  content: string,
  doc: Document.Parsed,
  valuesRoot: YAMLMap,
  job: FederateScrapeConfig,
): EditResult {
  const escaped = escapeForTpl(job);
  const seq = valuesRoot.getIn(SCRAPE_CONFIGS_PATH, true);
  if (seq !== undefined && !isSeq(seq)) {
    throw new InputError(
      'prometheus.prometheusSpec.additionalScrapeConfigs is not a list of scrape configs',
    );
  }
  if (seq && findExistingJob(seq, job)) return { content, status: 'unchanged' };

  if (!seq || seq.flow || seq.items.length === 0 || !seq.range) {
    // Nothing to follow: let the Document API write the list in the file's indentation.
    const style = detectIndentStyle(content, doc.contents);
    if (seq) {
      seq.flow = false;
      seq.items.push(doc.createNode(escaped));
    } else {
      valuesRoot.setIn(SCRAPE_CONFIGS_PATH, doc.createNode([escaped]));
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

/** Copies scalar quoting and flow style from `ref` onto `node`, path by path. */
function copyStyle(node: unknown, ref: unknown): void {
  if (isMap(node) && isMap(ref)) {
    node.flow = ref.flow;
    for (const pair of node.items) {
      const refPair = ref.items.find(
        p =>
          isScalar(p.key) &&
          isScalar(pair.key) &&
          p.key.value === pair.key.value,
      );
      if (!refPair) continue;
      copyStyle(pair.key, refPair.key);
      copyStyle(pair.value, refPair.value);
    }
  } else if (isSeq(node) && isSeq(ref) && ref.items.length > 0) {
    node.flow = ref.flow;
    node.items.forEach((item, i) =>
      copyStyle(item, ref.items[Math.min(i, ref.items.length - 1)]),
    );
  } else if (
    isScalar(node) &&
    isScalar(ref) &&
    typeof node.value === 'string' &&
    typeof ref.value === 'string'
  ) {
    if (
      ref.type === Scalar.QUOTE_SINGLE ||
      ref.type === Scalar.QUOTE_DOUBLE ||
      ref.type === Scalar.PLAIN
    ) {
      node.type = ref.type;
    }
  }
}

/**
 * True when the job is already there with the same settings; a ConflictError when a job of
 * that name exists with different ones (a second copy would make Prometheus reject the config).
 */
function findExistingJob(seq: YAMLSeq, job: FederateScrapeConfig): boolean {
  for (const item of seq.items) {
    if (!isMap(item) || item.get('job_name') !== job.job_name) continue;
    const existing = unescapeTpl(item.toJSON());
    if (canonicalJson(existing) === canonicalJson(job)) return true;
    const differing = Object.keys({ ...existing, ...job }).filter(
      key =>
        canonicalJson((existing as any)[key]) !==
        canonicalJson((job as any)[key]),
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
