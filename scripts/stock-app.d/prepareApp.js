#!/usr/bin/env node
// Prepares the app @backstage/create-app made, in these steps of scripts/stock-app:
//   prepareApp.js npm <app>                  the npm install fixes of docs (Yarn 4 cannot install here)
//                                            and the release's own @backstage versions
//   prepareApp.js release <app>              fails unless the installed app is one Backstage release
//   prepareApp.js commands <repo> <tarballs> prints the READMEs' install commands, each package
//                                            name replaced by its packed tarball
//   prepareApp.js wire <repo> <app>          adds the READMEs' backend.add lines and template locations
const fs = require('node:fs');
const path = require('node:path');
const { installCommands, backendAdds, templateLocations } = require('./readme');

const [step, ...args] = process.argv.slice(2);

function editJson(file, edit) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

const WORKSPACES = ['.', 'packages/app', 'packages/backend'];

/**
 * Each @backstage package the app names, at the version create-app wrote for it: the release's
 * own. create-app's Yarn lockfile seed does this for a Yarn app; it is unreachable here, and the
 * ^ ranges alone resolve today's newest plugins, which need a newer framework than the release
 * has (signals-backend 0.3.21 a newer backend-defaults, plugins on frontend-plugin-api 1.x).
 */
function releaseVersions(app) {
  const versions = {};
  for (const dir of WORKSPACES) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(app, dir, 'package.json'), 'utf8'),
    );
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) {
        const version = /^[\^~]?(\d+\.\d+\.\d+)$/.exec(range)?.[1];
        if (name.startsWith('@backstage/') && version) versions[name] = version;
      }
    }
  }
  return versions;
}

function npmFixes(app) {
  const release = releaseVersions(app);
  // The fixes listed in the project's notes on Backstage: npm instead of Yarn 4.
  editJson(path.join(app, 'package.json'), pkg => {
    delete pkg.packageManager;
    // npm accepts an override of the root's own dependency only with the same spec.
    for (const name of Object.keys(pkg.devDependencies)) {
      if (release[name]) pkg.devDependencies[name] = release[name];
    }
    pkg.overrides = {
      ...release,
      '@yarnpkg/core': { got: '^11.8.2' },
      react: '^18.3.1',
      'react-dom': '^18.3.1',
      '@types/react': '^18',
      '@types/react-dom': '^18',
    };
  });
  editJson(path.join(app, 'packages/app/package.json'), pkg => {
    pkg.devDependencies['@testing-library/react'] = '^16.0.0';
    pkg.devDependencies['@testing-library/dom'] = '^10.0.0';
  });
  editJson(path.join(app, 'packages/backend/package.json'), pkg => {
    // link: is Yarn's; npm links the workspace by its version.
    pkg.dependencies.app = '0.0.0';
  });
  fs.writeFileSync(path.join(app, '.npmrc'), 'legacy-peer-deps=true\n');
  fs.rmSync(path.join(app, 'yarn.lock'), { force: true });
}

// The framework's APIs: a second copy of one splits its registries and contexts (a plugin's
// extensions or services that the app does not see).
const FRAMEWORK = [
  '@backstage/backend-defaults',
  '@backstage/backend-plugin-api',
  '@backstage/core-plugin-api',
  '@backstage/frontend-defaults',
  '@backstage/frontend-plugin-api',
  '@backstage/version-bridge',
];

/** Every installed copy of each @backstage package in the app: name to "folder@version"s. */
function installedBackstage(app) {
  const copies = new Map();
  const walk = modules => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? fs.readdirSync(path.join(modules, entry)).map(e => `${entry}/${e}`)
        : [entry];
      for (const name of names) {
        const dir = path.join(modules, name);
        // A workspace's link: its own node_modules is walked as a workspace.
        if (fs.lstatSync(dir).isSymbolicLink()) continue;
        if (name.startsWith('@backstage/')) {
          const { version } = JSON.parse(
            fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
          );
          const list = copies.get(name) ?? [];
          list.push(`${path.relative(app, dir)}@${version}`);
          copies.set(name, list);
        }
        walk(path.join(dir, 'node_modules'));
      }
    }
  };
  for (const dir of WORKSPACES) walk(path.join(app, dir, 'node_modules'));
  return copies;
}

function checkRelease(app, expected) {
  const { version } = JSON.parse(
    fs.readFileSync(path.join(app, 'backstage.json'), 'utf8'),
  );
  if (version !== expected)
    throw new Error(`backstage.json says ${version}, not ${expected}`);
  const release = releaseVersions(app);
  const installed = installedBackstage(app);
  const problems = [];
  for (const name of new Set([...FRAMEWORK, ...Object.keys(release)])) {
    const copies = installed.get(name) ?? [];
    const want = release[name];
    if (
      copies.length > 1 ||
      (want && copies.some(c => !c.endsWith(`@${want}`)))
    ) {
      problems.push(`${name}: ${copies.join(', ')}`);
    }
  }
  if (problems.length) {
    throw new Error(
      `the app is not one Backstage ${expected} release:\n  ${problems.join(
        '\n  ',
      )}`,
    );
  }
  console.log(
    `Backstage ${expected}: ${
      Object.keys(release).length
    } @backstage packages at create-app's versions; one copy of each of them and of ${FRAMEWORK.join(
      ', ',
    )}`,
  );
}

function commands(repo, tarballDir) {
  const tarballs = fs.readdirSync(tarballDir).filter(f => f.endsWith('.tgz'));
  for (const command of installCommands(repo)) {
    console.log(
      command.replace(/@promfed\/[a-z-]+/g, name => {
        // npm pack names @scope/name-1.2.3 scope-name-1.2.3.tgz
        const prefix = `${name.slice(1).replace('/', '-')}-`;
        const file = tarballs.find(
          f => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length)),
        );
        if (!file) throw new Error(`no tarball for ${name} in ${tarballDir}`);
        return path.join(tarballDir, file);
      }),
    );
  }
}

function wire(repo, app) {
  const index = path.join(app, 'packages/backend/src/index.ts');
  const source = fs.readFileSync(index, 'utf8');
  if (!source.includes('backend.start();'))
    throw new Error(`${index}: no backend.start()`);
  fs.writeFileSync(
    index,
    source.replace(
      'backend.start();',
      `${backendAdds(repo).join('\n')}\n\nbackend.start();`,
    ),
  );

  // The README's catalog.locations entries, added to the app's own (YAML keeps its comments).
  const yaml = require(require.resolve('yaml', { paths: [repo] }));
  const configFile = path.join(app, 'app-config.yaml');
  const doc = yaml.parseDocument(fs.readFileSync(configFile, 'utf8'));
  const added = yaml.parse(templateLocations(repo)).catalog.locations;
  for (const location of added) doc.addIn(['catalog', 'locations'], location);
  fs.writeFileSync(configFile, doc.toString());
  console.log(
    `backend.add: ${backendAdds(repo).length}, template locations: ${
      added.length
    }`,
  );
}

if (step === 'npm') npmFixes(args[0]);
else if (step === 'release') checkRelease(args[0], args[1]);
else if (step === 'commands') commands(args[0], args[1]);
else if (step === 'wire') wire(args[0], args[1]);
else {
  console.error(
    'usage: prepareApp.js npm <app> | release <app> <version> | commands <repo> <tarballs> | wire <repo> <app>',
  );
  process.exit(2);
}
