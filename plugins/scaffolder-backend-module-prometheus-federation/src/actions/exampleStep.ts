import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples as one-step templates: `step(description, input)` runs `action` with `input`. */
export function exampleStep(action: string, id: string, name: string) {
  return (
    description: string,
    input: Record<string, unknown>,
  ): TemplateExample => ({
    description,
    example: yaml.stringify({ steps: [{ id, action, name, input }] }),
  });
}
