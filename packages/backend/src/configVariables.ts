import fs from 'node:fs';
import path from 'node:path';

/** The `--config` files of a command line, in order. */
export function configFiles(argv: string[]): string[] {
  const files: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--config' && argv[i + 1]) files.push(argv[i + 1]);
    else if (arg.startsWith('--config=')) files.push(arg.slice(9));
  });
  return files;
}

/** The environment variables a config file substitutes (`${NAME}`; `$${...}` is a literal). */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  // Comments are not config: a variable named in one is not needed.
  const code = text
    .split('\n')
    .map(line => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  for (const m of code.matchAll(/(^|[^$])\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g))
    names.add(m[2]);
  return [...names];
}

/** A production config file (app-config.production.yaml, or one named like it). */
const isProduction = (file: string) => /production/.test(path.basename(file));

/**
 * The variables the production config files on the command line need and the environment
 * lacks (unset or empty), each with its file. Backstage substitutes a missing variable with
 * nothing and starts anyway; this names it instead.
 */
export function missingVariables(
  argv: string[],
  env: NodeJS.ProcessEnv,
  read: (file: string) => string = file => fs.readFileSync(file, 'utf8'),
): Array<{ name: string; file: string }> {
  return configFiles(argv)
    .filter(isProduction)
    .flatMap(file =>
      referencedVariables(read(file))
        .filter(name => !env[name])
        .map(name => ({ name, file })),
    );
}

/** Stops the start, naming every missing variable, before Backstage reads the config. */
export function assertConfigVariables(
  argv: string[],
  env: NodeJS.ProcessEnv,
): void {
  const missing = missingVariables(argv, env);
  if (missing.length === 0) return;
  throw new Error(
    `The production config needs these environment variables, which are not set: ${missing
      .map(m => `${m.name} (${path.basename(m.file)})`)
      .join(
        ', ',
      )}. Each is described in packages/backend/README.md, section Production.`,
  );
}
