import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { editBlockString, findHelm } from './helmValues';
import { SCRAPE_CONFIGS_PATH } from './scrapeJobs';
import { parseYaml } from './yamlText';

/**
 * Removes the scrape job `jobName` from the kube-prometheus-stack Application (or values file):
 * only the lines of that job go, so a job addScrapeJob appended comes out leaving the file
 * byte for byte as it was.
 */
export function removeScrapeJob(content: string, jobName: string): EditResult {
  const doc = parseYaml(content, 'The file');
  const root = doc.contents;
  if (!isMap(root)) {
    throw new InputError(
      'The file is not a YAML mapping (expected an Argo CD Application)',
    );
  }
  if (root.has('prometheus')) return removeFrom(content, root, jobName);
  const helm = findHelm(root);
  const valuesObject = helm.get('valuesObject', true);
  if (isMap(valuesObject)) return removeFrom(content, valuesObject, jobName);
  const values = helm.get('values', true);
  if (!isScalar(values) || typeof values.value !== 'string') {
    return { content, status: 'unchanged' };
  }
  const result = editBlockString(content, values, inner => {
    const innerRoot = parseYaml(inner, 'The helm.values string').contents;
    return isMap(innerRoot)
      ? removeFrom(inner, innerRoot, jobName)
      : { content: inner, status: 'unchanged' };
  });
  return result.status === 'unchanged'
    ? result
    : { ...result, status: 'removed' };
}

function removeFrom(
  content: string,
  valuesRoot: YAMLMap,
  jobName: string,
): EditResult {
  const seq = valuesRoot.getIn(SCRAPE_CONFIGS_PATH, true);
  if (!isSeq(seq)) return { content, status: 'unchanged' };
  const index = seq.items.findIndex(
    item => isMap(item) && item.get('job_name') === jobName,
  );
  if (index === -1) return { content, status: 'unchanged' };
  if (seq.flow || seq.items.length === 1) {
    throw new InputError(
      `Job ${jobName} is ${
        seq.flow ? 'in a flow list' : 'the only scrape config'
      }: remove it by hand`,
    );
  }
  const item = (seq as YAMLSeq).items[index] as YAMLMap;
  // From the start of the line holding its dash to the end of its last line.
  const dash = content.lastIndexOf('-', item.range![0]);
  const start = content.lastIndexOf('\n', dash) + 1;
  let end = item.range![1];
  if (content[end - 1] !== '\n') {
    const eol = content.indexOf('\n', end);
    end = eol === -1 ? content.length : eol + 1;
  }
  return {
    content: content.slice(0, start) + content.slice(end),
    status: 'removed',
  };
}
