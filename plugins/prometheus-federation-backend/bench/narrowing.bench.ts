/**
 * Federation cost in the lab, before and after narrowing: samples, bytes and duration of blue's
 * federate scrape (ops Prometheus' own scrape metrics, extra-scrape-metrics), each the mean of
 * five scrapes, with the proposal applied by the narrow action's editor in between.
 *   npx tsx bench/narrowing.bench.ts      (writes bench/narrowing.results.md)
 */
import { startLab } from '@promfed/federation-lab';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCostService } from '../src/service/createCostService';
import { readFederationConfig } from '../src/config/readFederationConfig';
import {
  applyNarrowing,
  figuresTable,
  scrapeFigures,
} from '../src/__testUtils__/narrowLab';

const JOB = 'federate-blue';
const INTERVAL_MS = 5000;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function meanOfScrapes(lab: Parameters<typeof scrapeFigures>[0]) {
  const runs: Array<Awaited<ReturnType<typeof scrapeFigures>>> = [];
  for (let i = 0; i < 5; i++) {
    runs.push(await scrapeFigures(lab, JOB));
    await sleep(INTERVAL_MS);
  }
  const mean = (k: 'samples' | 'bytes' | 'duration') =>
    Number((runs.reduce((n, r) => n + r[k], 0) / runs.length).toPrecision(4));
  return {
    samples: mean('samples'),
    bytes: mean('bytes'),
    duration: mean('duration'),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-narrowing-bench-'));
  const lab = await startLab({
    dir,
    basePort: 23600,
    clusters: ['blue', 'green'],
  });
  try {
    await sleep(3 * INTERVAL_MS);
    const options = readFederationConfig(new ConfigReader(lab.backendConfig))!;
    const cost = await createCostService(options).cost(
      'blue',
      'user:default/lab',
    );
    const proposal = cost.proposal!;
    const before = await meanOfScrapes(lab);
    await applyNarrowing(lab, JOB, proposal.selectors);
    await sleep(3 * INTERVAL_MS);
    const after = await meanOfScrapes(lab);
    const families = (names: string[]) =>
      new Set(names.map(n => n.replace(/_(bucket|sum|count)$/, ''))).size;
    const report = [
      `# Narrowing blue's federation in the lab (${new Date().toISOString()})`,
      '',
      `Lab: 2 leaves, 3 apps each, scrape interval 5 s; ${
        os.cpus().length
      } CPUs; Node ${process.version}.`,
      `Dashboards (lab Grafana) and ops rules use ${families(
        cost.usage!.usedNames,
      )} of ${families([
        ...proposal.keptNames,
        ...proposal.droppedNames,
      ])} metric families federated from blue.`,
      '',
      figuresTable('per federate scrape of blue (mean of 5)', before, after),
      '',
      `Proposal: ${proposal.before.series} -> ${proposal.after.series} series (${proposal.savedPercent}% saved).`,
      '',
      '```',
      proposal.selectors.join('\n'),
      '```',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(__dirname, 'narrowing.results.md'), report);
    console.log(report);
  } finally {
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
