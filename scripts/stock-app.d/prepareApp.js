#!/usr/bin/env node
// Prepares the app @backstage/create-app made, in two steps of scripts/stock-app:
//   prepareApp.js npm <app>                  the npm install fixes of docs (Yarn 4 cannot install here)
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

function npmFixes(app) {
  // The fixes listed in the project's notes on Backstage: npm instead of Yarn 4.
  editJson(path.join(app, 'package.json'), pkg => {
    delete pkg.packageManager;
    pkg.overrides = {
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
else if (step === 'commands') commands(args[0], args[1]);
else if (step === 'wire') wire(args[0], args[1]);
else {
  console.error(
    'usage: prepareApp.js npm <app> | commands <repo> <tarballs> | wire <repo> <app>',
  );
  process.exit(2);
}
