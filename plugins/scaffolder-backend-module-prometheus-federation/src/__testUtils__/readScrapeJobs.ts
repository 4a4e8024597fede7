import { isMap, isSeq, YAMLMap } from 'yaml';
import { findHelm } from '../editors/helmValues';
import { SCRAPE_CONFIGS_PATH } from '../editors/scrapeJobs';
import { parseYaml } from '../editors/yamlText';

/** The `additionalScrapeConfigs` of an Application or values file, as plain objects, for tests. */
export function readScrapeJobs(content: string): any[] {
  const doc = parseYaml(content, 'The file');
  const root = doc.contents as YAMLMap;
  let values: YAMLMap;
  if (root.has('prometheus')) {
    values = root;
  } else {
    const helm = findHelm(root);
    const obj = helm.get('valuesObject', true);
    values = isMap(obj)
      ? obj
      : (parseYaml(String(helm.get('values')), 'helm.values')
          .contents as YAMLMap);
  }
  const seq = values?.getIn(SCRAPE_CONFIGS_PATH, true);
  return isSeq(seq) ? (seq.toJSON() as any[]) : [];
}
