import {
  Document,
  isMap,
  isScalar,
  isSeq,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { parseYaml } from './yamlText';

// The Helm values of an Argo CD Application: where they are, and how to edit them when they
// are a `values: |` string.

/** Where kube-prometheus-stack reads extra scrape configs, inside the chart values. */
export const SCRAPE_CONFIGS_PATH = [
  'prometheus',
  'prometheusSpec',
  'additionalScrapeConfigs',
];

/** Where a plain prometheus.yml lists its scrape configs. */
const PLAIN_SCRAPE_CONFIGS_PATH = ['scrape_configs'];

/**
 * The mapping that holds a file's scrape configs, and the path of the list in it: the chart
 * values of an Argo CD Application (`valuesObject`, or a `values: |` string parsed as its own
 * document), a values file (top-level `prometheus:`) or a plain prometheus.yml
 * (`scrape_configs:`). `text` is what `root`'s ranges point into; `root` is undefined for an
 * empty `values: |` string.
 */
export interface ScrapeConfigsHost {
  text: string;
  /** The document `root` belongs to. */
  doc: Document.Parsed;
  root: YAMLMap | undefined;
  path: string[];
  /** How the file holds them, for messages and the inventory. */
  where: 'values file' | 'prometheus.yml' | 'helm.valuesObject' | 'helm.values';
}

/**
 * The one Helm values locator: every editor and the inventory find a file's scrape configs
 * here. A file that holds none in a known place is an InputError saying what is missing.
 */
export function locateScrapeConfigs(content: string): {
  host: ScrapeConfigsHost;
  /** The `values: |` scalar when the host is that string. */
  values?: Scalar;
} {
  const doc = parseYaml(content, 'The file');
  const root = doc.contents;
  if (!isMap(root)) {
    throw new InputError(
      'The file is not a YAML mapping (expected an Argo CD Application, a values file or a prometheus.yml)',
    );
  }
  if (root.has('prometheus')) {
    return {
      host: {
        text: content,
        doc,
        root,
        path: SCRAPE_CONFIGS_PATH,
        where: 'values file',
      },
    };
  }
  if (root.has('scrape_configs')) {
    return {
      host: {
        text: content,
        doc,
        root,
        path: PLAIN_SCRAPE_CONFIGS_PATH,
        where: 'prometheus.yml',
      },
    };
  }
  const helm = findHelm(root);
  const valuesObject = helm.get('valuesObject', true);
  if (valuesObject !== undefined) {
    if (!isMap(valuesObject)) {
      throw new InputError('helm.valuesObject is not a mapping');
    }
    return {
      host: {
        text: content,
        doc,
        root: valuesObject,
        path: SCRAPE_CONFIGS_PATH,
        where: 'helm.valuesObject',
      },
    };
  }
  const values = helm.get('values', true);
  if (!isScalar(values) || typeof values.value !== 'string') {
    throw new InputError(
      'The Application has neither helm.valuesObject nor a helm.values string: add one of them',
    );
  }
  const inner = values.value;
  const innerDoc = parseYaml(inner, 'The helm.values string');
  const innerRoot = innerDoc.contents ?? undefined;
  if (innerRoot !== undefined && !isMap(innerRoot)) {
    throw new InputError('The helm.values string is not a YAML mapping');
  }
  return {
    host: {
      text: inner,
      doc: innerDoc,
      root: innerRoot,
      path: SCRAPE_CONFIGS_PATH,
      where: 'helm.values',
    },
    values,
  };
}

/**
 * Edits a file's scrape configs wherever they live (see locateScrapeConfigs): `edit` gets the
 * host and returns the host text's new content; a `values: |` string is written back line by
 * line, everything else in the file kept byte for byte.
 */
export function editScrapeConfigs(
  content: string,
  edit: (host: ScrapeConfigsHost) => EditResult,
): EditResult {
  const { host, values } = locateScrapeConfigs(content);
  if (!values) return edit(host);
  let inner: EditResult | undefined;
  const result = editBlockString(content, values, () => {
    inner = edit(host);
    return inner;
  });
  return { ...inner!, content: result.content };
}

/** The scrape configs list of a file, or undefined when it has none yet. */
export function scrapeConfigList(host: ScrapeConfigsHost): YAMLSeq | undefined {
  const seq = host.root?.getIn(host.path, true);
  if (seq !== undefined && !isSeq(seq)) {
    throw new InputError(
      `${host.path.join('.')} is not a list of scrape configs`,
    );
  }
  return seq;
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

/**
 * Edits the YAML held in a `values: |` literal block string as its own document, then writes
 * back only the lines that changed, indented like the block.
 */
export function editBlockString(
  content: string,
  values: Scalar,
  edit: (inner: string) => EditResult,
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
  const edited = edit(inner);
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
