import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Prometheus and promtool: `PROMETHEUS_BIN` (and promtool beside it) or the PATH. */
export function findPrometheusBinaries(): {
  prometheus: string;
  promtool: string;
} {
  const fromEnv = process.env.PROMETHEUS_BIN;
  const prometheus = fromEnv || onPath('prometheus');
  if (!prometheus || !fs.existsSync(prometheus)) {
    throw new Error(
      `Prometheus not found (${
        fromEnv ? `PROMETHEUS_BIN=${fromEnv} does not exist` : 'not on PATH'
      }): ` +
        'install it with `apt-get install prometheus`, or set PROMETHEUS_BIN to the prometheus binary',
    );
  }
  const beside = path.join(path.dirname(prometheus), 'promtool');
  const promtool = fs.existsSync(beside) ? beside : onPath('promtool');
  if (!promtool) {
    throw new Error(
      'promtool not found beside prometheus nor on PATH: install it with `apt-get install prometheus`',
    );
  }
  return { prometheus, promtool };
}

/** Fails with promtool's own output when it rejects a config or rules file. */
export async function promtoolCheck(
  promtool: string,
  kind: 'config' | 'rules',
  file: string,
): Promise<void> {
  try {
    await run(promtool, ['check', kind, file]);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `promtool check ${kind} ${file} rejected it:\n${
        [err.stdout, err.stderr].filter(Boolean).join('\n') || err.message
      }`,
    );
  }
}
