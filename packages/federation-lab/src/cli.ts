import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import { attachLab, startLab } from './lab';
import { describeFleet } from './fleet/describeFleet';
import { startFleet, stopFleet } from './fleet/startFleet';
import { LAB_APPS, resolveOptions } from './options';
import { LAB_FAULTS, LabFault, isAlive, labPaths, readState } from './state';

const USAGE = `federation-lab (lab only: local federation world for development and tests)

  federation-lab start [--clusters blue,green | --count N] [--gateway green] [--base-port P] [--dir D]
  federation-lab fleet <N> [--fault-fraction 0.1] [--series 200] [--scrape-interval 15] [--base-port P] [--dir D]
  federation-lab stop [--dir D]
  federation-lab status [--dir D]
  federation-lab fault <name> <cluster> [--dir D]
  federation-lab revert <name> <cluster> [--dir D]

faults: ${LAB_FAULTS.join(', ')}
`;

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.includes('=')
        ? a.slice(2).split('=', 2)
        : [a.slice(2), argv[++i]];
      if (v === undefined) throw new Error(`--${k} needs a value`);
      flags[k] = v;
    } else positional.push(a);
  }
  return { positional, flags };
}

function describe(dir: string): string {
  const state = readState(dir);
  if (!state) return `no lab in ${dir}`;
  const running = isAlive(state.daemonPid) && state.phase === 'ready';
  const o = state.options;
  const p = state.ports;
  const paths = labPaths(dir);
  let phase: string = state.phase;
  if (running) phase = `running (daemon pid ${state.daemonPid})`;
  else if (state.phase === 'ready') phase = 'not running';
  const lines = [
    `federation lab (lab only) in ${dir}: ${phase}`,
    ...(state.error ? [`  error: ${state.error}`] : []),
    `  ops Prometheus      http://127.0.0.1:${p.opsPrometheus}`,
    `  DNS (udp)           127.0.0.1:${p.dns}`,
    `  EC2 endpoint        http://127.0.0.1:${p.ec2}  (credentials: source ${paths.awsEnv})`,
    `  Kubernetes ops      https://127.0.0.1:${p.opsKubernetes}  (kubeconfig ${paths.kubeconfig})`,
    `  control             http://127.0.0.1:${p.control}`,
    ...o.clusters.map(c => {
      const cp = p.clusters[c];
      return (
        `  ${c.padEnd(8)} ${leafHost(c, o.domain)}:${
          cp.ingress
        } -> leaf Prometheus https://127.0.0.1:${cp.prometheus}, ` +
        `k8s https://127.0.0.1:${cp.kubernetes}, apps ${LAB_APPS.map(
          a => `${a}:${cp.apps[a]}`,
        ).join(' ')}`
      );
    }),
    `  backend config      ${paths.appConfig}`,
    `  faults              ${
      running && state.faults.length
        ? state.faults.map(f => `${f.fault} ${f.cluster}`).join(', ')
        : 'none'
    }`,
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, ...rest] = positional;
  const dir = resolveOptions({ dir: flags.dir }).dir;
  switch (command) {
    case 'start': {
      let clusters = flags.clusters
        ?.split(',')
        .map(s => s.trim())
        .filter(Boolean);
      if (flags.count) {
        const n = Number(flags.count);
        if (!Number.isInteger(n) || n < 1)
          throw new Error(
            '--count: give a whole number of leaf clusters, e.g. --count 5',
          );
        const names = ['blue', 'green'];
        clusters = Array.from(
          { length: n },
          (_, i) => names[i] ?? `leaf${i + 1}`,
        );
      }
      const started = Date.now();
      await startLab({
        dir,
        clusters,
        // Leaves exposed by an HTTPRoute on a Gateway instead of the Ingress.
        gatewayClusters: flags.gateway?.split(',').map(s => s.trim()),
        basePort: flags['base-port'] ? Number(flags['base-port']) : undefined,
      });
      process.stdout.write(
        `${describe(dir)}\n  ready in ${((Date.now() - started) / 1000).toFixed(
          1,
        )} s\n`,
      );
      return 0;
    }
    case 'fleet': {
      const n = Number(rest[0]);
      const num = (flag: string) =>
        flags[flag] === undefined ? undefined : Number(flags[flag]);
      const fleet = await startFleet({
        dir,
        clusters: n,
        faultFraction: num('fault-fraction'),
        seriesPerLeaf: num('series'),
        scrapeIntervalSeconds: num('scrape-interval'),
        basePort: num('base-port'),
      });
      process.stdout.write(
        `${describeFleet(dir)}\n  ready in ${(fleet.startMs / 1000).toFixed(
          1,
        )} s\n`,
      );
      return 0;
    }
    case 'stop':
      await stopFleet(dir);
      process.stdout.write(`lab in ${dir} stopped\n`);
      return 0;
    case 'status': {
      const fleet = describeFleet(dir);
      process.stdout.write(`${fleet || describe(dir)}\n`);
      if (fleet) return fleet.includes(': running') ? 0 : 3;
      const state = readState(dir);
      return state && state.phase === 'ready' && isAlive(state.daemonPid)
        ? 0
        : 3;
    }
    case 'fault':
    case 'revert': {
      const [fault, cluster] = rest;
      if (!fault || !cluster)
        throw new Error(`usage: federation-lab ${command} <name> <cluster>`);
      const lab = attachLab(dir);
      await (command === 'fault'
        ? lab.fault(fault as LabFault, cluster)
        : lab.revert(fault as LabFault, cluster));
      process.stdout.write(
        `${
          command === 'fault' ? 'applied' : 'reverted'
        } ${fault} on ${cluster}\n`,
      );
      return 0;
    }
    default:
      process.stdout.write(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  (e: Error) => {
    process.stderr.write(`federation-lab: ${e.message}\n`);
    process.exit(1);
  },
);
