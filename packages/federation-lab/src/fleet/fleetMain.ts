import { runDetached } from '../daemon/runDetached';
import { FleetDaemon } from './fleetDaemon';
import { ResolvedFleetOptions } from './options';

/** Entry point of the detached fleet daemon: `tsx src/fleet/fleetMain.ts '<options json>'`. */
function runFleet(options: ResolvedFleetOptions): Promise<void> {
  const daemon = new FleetDaemon(options);
  return runDetached({
    name: `fleet of ${options.clusters.length}`,
    start: () => daemon.start(),
    stop: () => daemon.stop(),
    failed: error => daemon.stop('failed', error),
  });
}

// Started detached by startFleet(); the resolved options come as one JSON argument.
runFleet(JSON.parse(process.argv[2]));
