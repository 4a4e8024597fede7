import path from 'node:path';
import { labPorts, ResolvedLabOptions } from '../options';
import { writeState } from '../state';
import { LabDaemon } from './labDaemon';

/** Entry point of the detached daemon process: `tsx src/daemon/main.ts '<options json>'`. */
async function runDaemon(options: ResolvedLabOptions): Promise<void> {
  const daemon = new LabDaemon(options);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await daemon.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  try {
    await daemon.start();
    process.stdout.write(`lab ready in ${path.basename(options.dir)}\n`);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`lab failed to start: ${error}\n`);
    stopping = true;
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
    process.exit(1);
  }
}

// Started detached by startLab(); the resolved options come as one JSON argument.
runDaemon(JSON.parse(process.argv[2]));
