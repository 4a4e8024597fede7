#!/usr/bin/env node
// The backend plugin collects on a worker thread whose code is the package's own
// `collectionWorker` export. The stock app has no federation configured, so its backend never
// starts one: this starts it from the installed tarball, as the plugin does, and runs one
// collection against an ops Prometheus that refuses connections (loopback, nothing listens).
// Usage: checkWorker.js <app dir>
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const PACKAGE = '@promfed/plugin-prometheus-federation-backend';
const backend = path.join(process.argv[2], 'packages', 'backend');
const from = id => require(require.resolve(id, { paths: [backend] }));

const entry = require.resolve(`${PACKAGE}/collectionWorker`, {
  paths: [backend],
});
if (!/\/dist\/[^/]+\.js$/.test(entry)) {
  console.error(
    `checkWorker: ${PACKAGE}/collectionWorker is ${entry}, not a file in dist/`,
  );
  process.exit(1);
}
// The options as the plugin reads them (an internal module: found by path, not by export).
const packageDir = path.dirname(
  require.resolve(`${PACKAGE}/package.json`, { paths: [backend] }),
);
const { readFederationConfig } = require(path.join(
  packageDir,
  'dist',
  'config',
  'readFederationConfig.cjs.js',
));
const { ConfigReader } = from('@backstage/config');
const options = readFederationConfig(
  new ConfigReader({
    prometheusFederation: {
      opsPrometheus: { url: 'http://127.0.0.1:9' },
      upstreamTimeoutSeconds: 2,
      dnsServers: ['127.0.0.1:9'],
      clusters: [
        {
          name: 'blue',
          prometheus: { host: 'prometheus-blue.federation.test' },
        },
      ],
    },
  }),
);

const worker = new Worker(entry, { workerData: { options } });
const fail = message => {
  console.error(`checkWorker: ${message}`);
  process.exit(1);
};
const deadline = setTimeout(
  () => fail('no answer from the worker in 60 s'),
  60_000,
);
worker.on('error', error => fail(`the worker failed: ${error.stack ?? error}`));
worker.on('message', message => {
  if (message.type !== 'collected')
    fail(`the collection failed: ${message.message}`);
  clearTimeout(deadline);
  console.log(
    `checkWorker: ${entry} collected ${Object.keys(message.requests).join(
      ', ',
    )} requests`,
  );
  worker.terminate().then(() => process.exit(0));
});
worker.postMessage({ type: 'collect', id: 1, clusters: options.clusters });
