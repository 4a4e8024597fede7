import { ConflictError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { parseYaml } from './yamlText';

/**
 * A file the action would create, when one is already there: the existing file is kept when
 * it has the settings that matter (`summarize`), else a ConflictError names those that differ.
 */
export function keepOrConflict(
  what: string,
  content: string,
  existing: string | undefined,
  summarize: (object: any) => Record<string, unknown>,
): EditResult {
  if (existing === undefined) return { content, status: 'added' };
  if (existing === content) return { content, status: 'unchanged' };
  const current = summarize(parseYaml(existing, `The existing ${what}`).toJS());
  const wanted = summarize(parseYaml(content, `The new ${what}`).toJS());
  const differing = Object.keys(wanted).filter(k => current[k] !== wanted[k]);
  if (differing.length === 0) return { content: existing, status: 'unchanged' };
  throw new ConflictError(
    `An ${what} already exists with different settings (${differing.join(
      ', ',
    )}); change or remove it by hand`,
  );
}
