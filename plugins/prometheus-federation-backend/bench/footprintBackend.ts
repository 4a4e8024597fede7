/**
 * The backend process the footprint benchmark measures (bench/footprint.bench.ts forks it):
 * backend-defaults with this plugin, SQLite files in a folder kept between starts, and inside
 * it the event loop's delay and the memory (bench/loopProbe.ts).
 *
 *   argv: <dir> <port> <federation JSON file, or "none": the same backend without this plugin>
 *         [<services JSON file: PostgreSQL and Redis instead of SQLite files and a memory cache>]
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { startBenchBackend, WITHOUT_PLUGIN } from './benchBackend';
import { answerProbeQueries } from './loopProbe';

const [dir, port, federationFile, servicesFile] = process.argv.slice(2);
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
// BENCH_V8_FLAGS='--trace-gc': V8 flags for the whole process, the collection worker's isolate
// too (a worker refuses most of them as its own execArgv).
if (process.env.BENCH_V8_FLAGS)
  v8.setFlagsFromString(process.env.BENCH_V8_FLAGS);
answerProbeQueries();

startBenchBackend({
  dir,
  port: Number(port),
  federation:
    federationFile === WITHOUT_PLUGIN ? undefined : readJson(federationFile),
  databaseDirectory: path.join(dir, 'database'),
  services: servicesFile ? readJson(servicesFile) : undefined,
}).catch(error => {
  console.error(`bench backend failed to start: ${error}`);
  process.exit(1);
});
