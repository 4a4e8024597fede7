import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { resolveOptions } from '../options';
import { writeOpsConfig } from '../prepare';
import { findPrometheusBinaries, promtoolCheck } from '../prometheus/binaries';
import { labPaths } from '../state';
import { ActiveFaults } from './activeFaults';
import { federateOverrides } from './opsConfigFaults';

describe('federateOverrides', () => {
  it('turns the ops-side faults into job settings that promtool accepts', async () => {
    const faults = new ActiveFaults();
    faults.add('sample-limit', 'blue');
    faults.add('body-size-limit', 'green');
    faults.add('wrong-path', 'green');
    faults.add('dns-missing', 'blue');
    expect(federateOverrides(faults)).toEqual({
      blue: { sampleLimit: 10 },
      green: { bodySizeLimit: '1KB', metricsPath: '/prometheus/federate' },
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-ops-faults-'));
    try {
      const options = resolveOptions({ dir, clusters: ['blue', 'green'] });
      const paths = labPaths(dir);
      fs.mkdirSync(paths.prometheus, { recursive: true });
      fs.mkdirSync(paths.tls, { recursive: true });
      fs.writeFileSync(paths.caCert, '');
      fs.writeFileSync(paths.opsRules, 'groups: []\n');
      writeOpsConfig(options, federateOverrides(faults));
      const jobs = parse(
        fs.readFileSync(paths.opsConfig, 'utf8'),
      ).scrape_configs;
      expect(jobs[0].sample_limit).toBe(10);
      expect(jobs[1]).toMatchObject({
        body_size_limit: '1KB',
        metrics_path: '/prometheus/federate',
      });
      await promtoolCheck(
        findPrometheusBinaries().promtool,
        'config',
        paths.opsConfig,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
