import path from 'node:path';
import { labPorts, ResolvedLabOptions } from '../options';
import { writeState } from '../state';
import { LabDaemon } from './labDaemon';
import { runDetached } from './runDetached';

/** Entry point of the detached daemon process: `tsx src/daemon/main.ts '<options json>'`. */
function runDaemon(options: ResolvedLabOptions): Promise<void> {
  const daemon = new LabDaemon(options);
  return runDetached({
    name: `lab in ${path.basename(options.dir)}`,
    start: () => daemon.start(),
    stop: () => daemon.stop(),
    failed: async error => {
      await daemon.stop().catch(() => undefined);
      writeState(options.dir, {
        phase: 'failed',
        error,
        daemonPid: process.pid,
        options,
        ports: labPorts(options),
        faults: [],
        startedAt: new Date().toISOString(),
      });
    },
  });
}

// Started detached by startLab(); the resolved options come as one JSON argument.
runDaemon(JSON.parse(process.argv[2]));
