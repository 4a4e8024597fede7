import { writeOpsConfig } from '../prepare';
import type { ResolvedLabOptions } from '../options';
import { promtoolCheck } from '../prometheus/binaries';
import type { FederateJobOverrides } from '../prometheus/configs';
import { labPaths } from '../state';
import type { ActiveFaults } from './activeFaults';
import { reloadOpsPrometheus } from '../prometheus/reload';

/** A sample limit far below what a leaf federates (hundreds of series). */
const FAULT_SAMPLE_LIMIT = 10;
const FAULT_WRONG_PATH = '/prometheus/federate';
/** A leaf's federate answer is tens of kilobytes; one kilobyte is always exceeded. */
const FAULT_BODY_SIZE_LIMIT = '1KB';
/** A typo in match[]: a valid selector that no series matches. */
const FAULT_MATCH = ['{__name__="http_requests_totl"}'];

/** The per-cluster federate job changes the active faults make. */
export function federateOverrides(
  faults: ActiveFaults,
): Record<string, FederateJobOverrides> {
  const overrides: Record<string, FederateJobOverrides> = {};
  for (const f of faults.all()) {
    const o = (overrides[f.cluster] ??= {});
    if (f.fault === 'sample-limit') o.sampleLimit = FAULT_SAMPLE_LIMIT;
    if (f.fault === 'wrong-path') o.metricsPath = FAULT_WRONG_PATH;
    if (f.fault === 'body-size-limit') o.bodySizeLimit = FAULT_BODY_SIZE_LIMIT;
    if (f.fault === 'honor-labels-missing') o.honorLabels = false;
    if (f.fault === 'selector-selects-nothing') o.match = FAULT_MATCH;
    // The path a scrape job has when nobody sets it: the leaf Prometheus' own metrics.
    if (f.fault === 'scrape-metrics-path') o.metricsPath = '/metrics';
  }
  return overrides;
}

/** Rewrites the ops config for the active faults, checks it with promtool, and reloads. */
export async function reloadOpsConfig(
  options: ResolvedLabOptions,
  promtool: string,
  opsPort: number,
  faults: ActiveFaults,
): Promise<void> {
  writeOpsConfig(options, federateOverrides(faults));
  await promtoolCheck(promtool, 'config', labPaths(options.dir).opsConfig);
  await reloadOpsPrometheus(`http://127.0.0.1:${opsPort}`);
}
