// What the packages' READMEs tell a user to do, read from their Installation sections, so that
// the stock-app stage runs the READMEs' own commands rather than copies of them.
const fs = require('node:fs');
const path = require('node:path');

const PACKAGES = [
  'prometheus-federation',
  'prometheus-federation-backend',
  'scaffolder-backend-module-prometheus-federation',
  'prometheus-federation-common',
];

function installationSection(repo, dir) {
  const text = fs.readFileSync(
    path.join(repo, 'plugins', dir, 'README.md'),
    'utf8',
  );
  const start = text.indexOf('\n## Installation\n');
  if (start < 0)
    throw new Error(
      `plugins/${dir}/README.md has no "## Installation" section`,
    );
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

function codeBlocks(section, lang) {
  const blocks = [];
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  for (let m; (m = re.exec(section)); ) blocks.push(m[1]);
  return blocks;
}

/** The `npm install -w <workspace> @promfed/...` lines of the first three packages' READMEs. */
function installCommands(repo) {
  return PACKAGES.slice(0, 3).map(dir => {
    const lines = codeBlocks(installationSection(repo, dir), 'sh')
      .flatMap(b => b.split('\n'))
      .filter(l =>
        /^npm install -w packages\/(app|backend) @promfed\//.test(l),
      );
    if (lines.length !== 1) {
      throw new Error(
        `plugins/${dir}/README.md: expected one npm install command of @promfed packages, found ${lines.length}`,
      );
    }
    return lines[0];
  });
}

/** The `backend.add(...)` statements of the backend packages' READMEs, as written there. */
function backendAdds(repo) {
  return PACKAGES.slice(1, 3).map(dir => {
    const block = codeBlocks(installationSection(repo, dir), 'ts').find(b =>
      b.includes('backend.add('),
    );
    if (!block)
      throw new Error(
        `plugins/${dir}/README.md: no backend.add in Installation`,
      );
    return block
      .split('\n')
      .filter(l => !l.startsWith('//'))
      .join('\n')
      .trim();
  });
}

/** The catalog.locations YAML block of the scaffolder module's README. */
function templateLocations(repo) {
  const block = codeBlocks(installationSection(repo, PACKAGES[2]), 'yaml').find(
    b => b.includes('locations:'),
  );
  if (!block)
    throw new Error(
      `plugins/${PACKAGES[2]}/README.md: no catalog.locations block`,
    );
  return block;
}

module.exports = { installCommands, backendAdds, templateLocations };
