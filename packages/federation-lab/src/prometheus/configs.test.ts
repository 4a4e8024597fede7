import { buildFederateJob } from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { findPrometheusBinaries, promtoolCheck } from './binaries';
import {
  federationRules,
  leafPrometheusConfig,
  opsPrometheusConfig,
} from './configs';

const base = {
  clusters: ['blue', 'green'],
  domain: 'federation.test',
  ingressPorts: { blue: 19010, green: 19020 },
  caFile: '/lab/tls/ca.crt',
  rulesFile: '/lab/prometheus/federation-rules.yml',
  scrapeIntervalSeconds: 5,
};

describe('opsPrometheusConfig', () => {
  it('holds the common package federate job per leaf, pointed at loopback with verified TLS', () => {
    const config = parse(opsPrometheusConfig(base));
    expect(config.global).toMatchObject({
      scrape_interval: '5s',
      scrape_timeout: '4s',
    });
    expect(config.scrape_configs[0]).toEqual(
      buildFederateJob({
        cluster: 'blue',
        host: 'prometheus-blue.federation.test',
        target: '127.0.0.1:19010',
        tls: {
          caFile: '/lab/tls/ca.crt',
          serverName: 'prometheus-blue.federation.test',
        },
      }),
    );
  });

  it('applies fault overrides to one job only', () => {
    const config = parse(
      opsPrometheusConfig({
        ...base,
        overrides: {
          green: { sampleLimit: 10, metricsPath: '/prometheus/federate' },
        },
      }),
    );
    expect(config.scrape_configs[0].metrics_path).toBe('/federate');
    expect(config.scrape_configs[1]).toMatchObject({
      sample_limit: 10,
      metrics_path: '/prometheus/federate',
    });
  });
});

describe('generated files', () => {
  it('pass promtool check config and check rules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-configs-'));
    try {
      const rules = path.join(dir, 'rules.yml');
      fs.writeFileSync(rules, federationRules());
      const ca = path.join(dir, 'ca.crt');
      fs.writeFileSync(ca, '');
      fs.writeFileSync(
        path.join(dir, 'ops.yml'),
        opsPrometheusConfig({ ...base, caFile: ca, rulesFile: rules }),
      );
      fs.writeFileSync(
        path.join(dir, 'leaf.yml'),
        leafPrometheusConfig({
          cluster: 'blue',
          appPorts: { dareyscore: 1, 'lab-controller': 2, liveclasses: 3 },
          scrapeIntervalSeconds: 5,
        }),
      );
      const { promtool } = findPrometheusBinaries();
      await promtoolCheck(promtool, 'rules', rules);
      await promtoolCheck(promtool, 'config', path.join(dir, 'ops.yml'));
      await promtoolCheck(promtool, 'config', path.join(dir, 'leaf.yml'));
      fs.writeFileSync(
        rules,
        'groups: [{name: x, rules: [{alert: A, expr: "up ==="}]}]',
      );
      await expect(promtoolCheck(promtool, 'rules', rules)).rejects.toThrow(
        /promtool check rules .* rejected it/s,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('use the working HighLatency form, relative to the scrape timeout', () => {
    const rules = parse(federationRules()).groups[0].rules;
    expect(rules.map((r: { alert: string }) => r.alert)).toEqual([
      'PrometheusFederationDown',
      'PrometheusFederationScrapeErrors',
      'PrometheusFederationNoMetrics',
      'PrometheusFederationHighLatency',
    ]);
    expect(rules[0].expr).toBe('up{job=~"federate-.*"} == 0');
    expect(rules[3].expr).toContain('> 0.8 * scrape_timeout_seconds');
  });
});
