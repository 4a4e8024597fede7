import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  CLUSTER_NAME_RULE,
  DOMAIN_RULE,
  REGION_RULE,
  SECURITY_GROUP_ID_RULE,
  ValidationRule,
} from '@promfed/plugin-prometheus-federation-common';
import { validateMatcher } from './inputs';
import { validateSelector } from './narrowClusterInput';

const templateFile = (name: string) =>
  path.resolve(__dirname, `../../../../templates/${name}/template.yaml`);

/** The form's `pattern` for each field, as the browser applies it (JSON Schema: unicode). */
function formPatterns(
  name = 'add-cluster-to-federation',
): Record<string, RegExp> {
  const template = yaml.parse(fs.readFileSync(templateFile(name), 'utf8'));
  const patterns: Record<string, RegExp> = {};
  for (const page of template.spec.parameters) {
    for (const [field, property] of Object.entries<any>(page.properties)) {
      if (property.pattern) patterns[field] = new RegExp(property.pattern, 'u');
    }
  }
  return patterns;
}

const CLUSTERS = ['blue', 'a', 'x'.repeat(52), 'x'.repeat(53), 'Purple', '-b'];
const SECURITY_GROUPS = [
  'sg-0123abcd',
  'sg-0123456789abcdef0',
  'sg-12',
  'sg-0123456789ABCDEF0',
];
// [field, the common rule, values to try, whether the form also accepts an empty value]
const FIELDS: Array<[string, ValidationRule, string[], boolean]> = [
  ['cluster', CLUSTER_NAME_RULE, CLUSTERS, false],
  ['referenceCluster', CLUSTER_NAME_RULE, CLUSTERS, true],
  [
    'domain',
    DOMAIN_RULE,
    ['talentos.darey.io', 'localhost', 'a..io', 'x.io"'],
    false,
  ],
  [
    'region',
    REGION_RULE,
    ['eu-west-1', 'us-gov-west-1', 'eusc-de-east-1', 'eu-west-1a', 'EU-WEST-1'],
    false,
  ],
  ['sourceSecurityGroupId', SECURITY_GROUP_ID_RULE, SECURITY_GROUPS, true],
  ['targetSecurityGroupId', SECURITY_GROUP_ID_RULE, SECURITY_GROUPS, true],
];

describe('template add-cluster-to-federation form', () => {
  it.each(FIELDS)(
    'checks %s as the common package does',
    (field, rule, values, optional) => {
      const pattern = formPatterns()[field];
      for (const value of values) {
        expect([value, pattern.test(value)]).toEqual([value, rule.test(value)]);
      }
      expect(pattern.test('')).toBe(optional);
    },
  );
});

describe.each(['remove-cluster-from-federation', 'narrow-cluster-federation'])(
  'template %s form',
  name => {
    it('checks the cluster as the common package does', () => {
      const pattern = formPatterns(name).cluster;
      for (const value of CLUSTERS) {
        expect([value, pattern.test(value)]).toEqual([
          value,
          CLUSTER_NAME_RULE.test(value),
        ]);
      }
    });
  },
);

describe('the selectors the templates offer', () => {
  const defaults = (name: string) => {
    const template = yaml.parse(fs.readFileSync(templateFile(name), 'utf8'));
    const pages = template.spec.parameters;
    return pages.find((p: any) => p.properties.selectors).properties.selectors
      .default as string[];
  };

  it('pass the add action and the narrow action, and keep up and the http metrics', () => {
    for (const name of [
      'add-cluster-to-federation',
      'narrow-cluster-federation',
    ]) {
      for (const selector of defaults(name)) {
        expect(() => validateMatcher(selector, 'match[0]')).not.toThrow();
        expect(() => validateSelector(selector, 'selectors[0]')).not.toThrow();
        for (const metric of [
          'up',
          'http_requests_total',
          'http_request_duration_seconds_bucket',
        ]) {
          expect(
            new RegExp(`^(?:${/"(.*)"/.exec(selector)![1]})$`).test(metric),
          ).toBe(true);
        }
      }
    }
  });
});
