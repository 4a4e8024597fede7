import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import { parseDocument } from 'yaml';
import { labPaths } from '../state';
import { reloadOpsPrometheus } from './reload';

/**
 * What syncing a merged "remove cluster" pull request does to ops Prometheus: the cluster's
 * federate job leaves ops' config and ops reloads. It lasts until the lab's next fault change or
 * start, which write the config again from the lab's clusters.
 */
export async function dropFederateJob(
  lab: { dir: string; opsPrometheusUrl: string },
  cluster: string,
): Promise<void> {
  const file = labPaths(lab.dir).opsConfig;
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  const jobs = doc.toJS().scrape_configs as Array<{ job_name: string }>;
  const index = jobs.findIndex(j => j.job_name === federateJobName(cluster));
  if (index < 0)
    throw new Error(`ops Prometheus has no job ${federateJobName(cluster)}`);
  doc.deleteIn(['scrape_configs', index]);
  fs.writeFileSync(`${file}.tmp`, doc.toString());
  fs.renameSync(`${file}.tmp`, file);
  await reloadOpsPrometheus(lab.opsPrometheusUrl);
}
