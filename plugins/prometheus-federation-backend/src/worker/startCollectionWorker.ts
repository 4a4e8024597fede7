import { Worker } from 'node:worker_threads';
import { CollectionWorkerData } from './messages';

/** The worker's code, found through the package's own export: `src` in dev, `dist` when installed. */
const WORKER_ENTRY =
  '@promfed/plugin-prometheus-federation-backend/collectionWorker';

const NODE_TRANSFORM = '@backstage/cli-node/config/nodeTransform.cjs';

/**
 * In dev the worker's file is TypeScript: the worker gets the Backstage node transform (a
 * require hook). `backstage-cli package start` already runs with it, and a worker inherits
 * process.execArgv; Jest's transform does not reach a worker, and tsx registers its require
 * hook on the main thread only, so under both it is added.
 */
function execArgvFor(file: string): string[] | undefined {
  if (!/\.[cm]?ts$/.test(file)) return undefined;
  // Named by path (backstage-cli) or by package (scripts/production): either way, it is there.
  if (process.execArgv.some(flag => flag.endsWith('nodeTransform.cjs')))
    return undefined;
  return [...process.execArgv, '--require', require.resolve(NODE_TRANSFORM)];
}

/** Starts a collection worker (it collects only when asked). */
export function startCollectionWorker(data: CollectionWorkerData): Worker {
  const file = require.resolve(WORKER_ENTRY);
  const typescript = /\.[cm]?ts$/.test(file);
  // A loader's require hook handles a `.ts` file required from the worker's first script.
  return new Worker(typescript ? `require(${JSON.stringify(file)})` : file, {
    eval: typescript,
    workerData: data,
    // The environment as the caller sees it now (the AWS SDK reads its credentials there). A
    // worker otherwise copies the process's own, which under Jest is not a test's process.env.
    env: { ...process.env },
    execArgv: execArgvFor(file),
    name: 'prometheus-federation collection',
  });
}
