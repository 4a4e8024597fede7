import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { labPaths } from '../state';

/**
 * Spawns a daemon entry (a .ts file, run with tsx as a loader so it stays one process) detached
 * in `dir`, with its resolved options as one JSON argument and its output in the lab log.
 * Returns its pid, also written to `pids/daemon.pid` for `stop`.
 */
export function spawnDaemon(
  entry: string,
  dir: string,
  options: object,
): number {
  const paths = labPaths(dir);
  const log = fs.openSync(paths.log, 'w');
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      entry,
      JSON.stringify(options),
    ],
    {
      detached: true,
      stdio: ['ignore', log, log],
      cwd: dir,
      // The caller's Node options stay out of the daemon; LAB_DAEMON_NODE_OPTIONS goes in (a
      // benchmark's --cpu-prof of the lab side).
      env: {
        ...process.env,
        NODE_OPTIONS: process.env.LAB_DAEMON_NODE_OPTIONS ?? '',
      },
    },
  );
  fs.closeSync(log);
  child.unref();
  if (!child.pid) throw new Error(`could not spawn ${entry}`);
  fs.writeFileSync(paths.pidFile('daemon'), `${child.pid}\n`);
  return child.pid;
}
