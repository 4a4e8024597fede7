import { InputError } from '@backstage/errors';
import { canonicalJson, parseYaml } from './yamlText';

/**
 * Parses an edited catalog file back before it is written, and checks that it reads as
 * `expected`: an edit that would make invalid YAML, or read back other than intended, throws
 * InputError naming the file, and nothing is written.
 */
export function parsedBack<T>(content: string, expected: T, what: string): T {
  const read = parseYaml(content, `${what} after the edit`).toJS();
  if (canonicalJson(read) !== canonicalJson(expected))
    throw new InputError(
      `${what} would not read back as intended after the edit; nothing was written. Check the file's YAML by hand`,
    );
  return read;
}
