#!/usr/bin/env node
// Checks the packed tarballs for the defects that kept the plugins from installing: entry points
// in src instead of dist, a missing dist, private or @internal packages, exact pins of
// @backstage packages, templates missing from the scaffolder module.
// Usage: checkTarballs.js <tarball>...
const { execFileSync } = require('node:child_process');

const failures = [];
const fail = (tarball, message) => failures.push(`${tarball}: ${message}`);

for (const tarball of process.argv.slice(2)) {
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(f => f.replace(/^package\//, ''));
  const pkg = JSON.parse(
    execFileSync('tar', ['xzfO', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const has = file => files.includes(file.replace(/^\.\//, ''));
  if (!pkg.name.startsWith('@promfed/')) fail(tarball, `named ${pkg.name}`);
  if (pkg.private) fail(tarball, 'is private');
  if (!pkg.version) fail(tarball, 'has no version');
  if (!files.some(f => f.startsWith('dist/'))) fail(tarball, 'has no dist/');
  if (files.some(f => f.startsWith('src/'))) fail(tarball, 'ships src/');
  if (!has('README.md')) fail(tarball, 'has no README.md');
  for (const field of ['main', 'types', 'module']) {
    if (pkg[field] === undefined) continue;
    if (!/^(\.\/)?dist\//.test(pkg[field]) || !has(pkg[field])) {
      fail(tarball, `${field} is ${pkg[field]}, not a file in dist/`);
    }
  }
  const exportTargets = [];
  const collect = value => {
    if (typeof value === 'object' && value)
      Object.values(value).forEach(collect);
    else if (typeof value === 'string' && value.startsWith('./')) {
      exportTargets.push(value);
    }
  };
  collect(pkg.exports);
  for (const target of exportTargets) {
    if (!has(target)) {
      fail(tarball, `exports ${target}, which it does not contain`);
    }
  }
  const roles = pkg.backstage ?? {};
  if (!roles.role || !roles.pluginId) {
    fail(tarball, 'has no backstage.role and backstage.pluginId');
  }
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (name.startsWith('@backstage/') && /^\d/.test(range)) {
      fail(tarball, `pins ${name} to exactly ${range}`);
    }
    if (name.startsWith('@internal/')) fail(tarball, `depends on ${name}`);
  }
  if (pkg.configSchema && !has(pkg.configSchema)) {
    fail(tarball, `configSchema ${pkg.configSchema} is not in the tarball`);
  }
  if (pkg.name.includes('scaffolder-backend-module')) {
    for (const t of [
      'add-cluster-to-federation',
      'narrow-cluster-federation',
      'remove-cluster-from-federation',
    ]) {
      if (!has(`templates/${t}/template.yaml`))
        fail(tarball, `has no template ${t}`);
    }
  }
  console.log(
    `${pkg.name}@${pkg.version}: ${files.length} files, main ${pkg.main}`,
  );
}

if (failures.length) {
  console.error(
    `FAILED: the tarballs are not installable:\n  ${failures.join('\n  ')}`,
  );
  process.exit(1);
}
