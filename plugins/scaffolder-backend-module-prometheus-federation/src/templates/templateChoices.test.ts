import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

// What the shipped templates offer a user of a new Backstage app: only publish steps whose module
// such an app has, and no value of one organisation as a default.
const root = path.resolve(__dirname, '../../../../templates');
const templates = fs.readdirSync(root).map(name => ({
  name,
  spec: yaml.parse(
    fs.readFileSync(path.join(root, name, 'template.yaml'), 'utf8'),
  ).spec,
}));

const fields = (spec: any): Array<[string, any]> =>
  spec.parameters.flatMap((page: any) => Object.entries(page.properties));

// Free-text fields may have a default only when it is no organisation's choice: Git's default
// branch, and the metric names the portal's own checks read.
const GENERIC_DEFAULTS: Record<string, unknown> = {
  baseBranch: 'main',
  selectors: [
    '{__name__=~"http_request_duration_seconds_bucket|http_request_duration_seconds_count|http_request_duration_seconds_sum|http_requests_total|up"}',
  ],
};

describe.each(templates)('template $name', ({ spec }) => {
  it('publishes only with the GitHub module, which every new app has', () => {
    const publishSteps = spec.steps
      .map((step: any) => step.action)
      .filter((action: string) => action.startsWith('publish:'));
    expect(publishSteps.length).toBeGreaterThan(0);
    for (const action of publishSteps)
      expect(action).toMatch(/^publish:github:/);
  });

  it('offers only github.com as the repository host', () => {
    const pickers = fields(spec).filter(
      ([, property]) => property['ui:field'] === 'RepoUrlPicker',
    );
    expect(pickers).toHaveLength(1);
    for (const [, picker] of pickers) {
      expect(picker['ui:options'].allowedHosts).toEqual(['github.com']);
      expect(
        Object.keys(
          picker['ui:options'].requestUserCredentials.additionalScopes,
        ),
      ).toEqual(['github']);
    }
  });

  it('has no organisation value as a default of a free-text field', () => {
    for (const [field, property] of fields(spec)) {
      if (property.enum || property.type === 'boolean') continue;
      if (property.default === undefined) continue;
      expect([field, property.default]).toEqual([
        field,
        GENERIC_DEFAULTS[field],
      ]);
    }
  });
});
