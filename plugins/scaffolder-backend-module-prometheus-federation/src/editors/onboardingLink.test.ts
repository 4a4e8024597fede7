import { buildClusterEntity } from './catalogEntity';
import { setOnboardingLink } from './onboardingLink';
import { parseYaml } from './yamlText';

const URL1 = 'https://github.com/acme/infrastructure/pull/1';
const URL2 = 'https://github.com/acme/infrastructure/pull/2';
const link = (content: string, pullRequestUrl = URL1) =>
  setOnboardingLink(content, { cluster: 'purple', pullRequestUrl });

const generated = buildClusterEntity({
  cluster: 'purple',
  host: 'prometheus-purple.talentos.darey.io',
  region: 'eu-west-1',
  owner: 'group:default/platform',
}).content;

describe('setOnboardingLink', () => {
  it('adds the link after the last annotation of the entity the add action writes, one line', () => {
    const result = link(generated);
    expect(result.status).toBe('added');
    const added = result.content
      .split('\n')
      .filter(l => !generated.split('\n').includes(l));
    expect(added).toEqual([
      `    prometheus-federation.io/onboarding-pr: ${URL1}`,
    ]);
    expect(parseYaml(result.content, 'x').toJS().metadata.annotations).toEqual({
      'prometheus-federation.io/cluster': 'purple',
      'prometheus-federation.io/prometheus-host':
        'prometheus-purple.talentos.darey.io',
      'prometheus-federation.io/aws-region': 'eu-west-1',
      'prometheus-federation.io/onboarding-pr': URL1,
    });
  });

  it('keeps a hand-written file byte for byte apart from the one line: comments, 4-space indent, no final newline', () => {
    const hand = [
      '# The purple cluster',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '    name: purple',
      '    annotations:',
      "        prometheus-federation.io/cluster: 'purple' # set by the template",
      '        backstage.io/techdocs-ref: dir:.',
      '    # owners below',
      'spec:',
      '    type: kubernetes-cluster',
      '    owner: group:default/platform',
    ].join('\n');
    const result = link(hand).content;
    expect(result).toBe(
      hand.replace(
        'dir:.\n',
        `dir:.\n        prometheus-federation.io/onboarding-pr: ${URL1}\n`,
      ),
    );
    const lastAnnotation = [
      'metadata:',
      '  name: purple',
      '  annotations:',
      '    prometheus-federation.io/cluster: purple',
    ].join('\n');
    expect(link(`kind: Resource\n${lastAnnotation}`).content).toBe(
      `kind: Resource\n${lastAnnotation}\n    prometheus-federation.io/onboarding-pr: ${URL1}\n`,
    );
  });

  it('is a no-op when the link is already there, and replaces an earlier link in place', () => {
    const once = link(generated).content;
    expect(link(once)).toEqual({ content: once, status: 'unchanged' });
    const replaced = link(once, URL2);
    expect(replaced.status).toBe('added');
    expect(replaced.content).toBe(once.replace(URL1, URL2));
    expect(replaced.notes).toEqual([`replaced the earlier link ${URL1}`]);
  });

  it('quotes a link that would not read back as plain YAML', () => {
    const odd = 'https://github.com/acme/infra/pull/3 #x';
    const result = link(generated, odd).content;
    expect(result).toContain(`onboarding-pr: "${odd}"`);
    expect(
      parseYaml(result, 'x').toJS().metadata.annotations[
        'prometheus-federation.io/onboarding-pr'
      ],
    ).toBe(odd);
  });

  it('quotes a link ending in ":" and every other one plain YAML would misread, in both write paths', () => {
    for (const odd of [
      'https://github.com/acme/infra/pull/3:',
      'https://github.com/acme/infra/pull/3:\tx',
      'https://github.com/acme/infra/pull/3#: x',
    ]) {
      for (const content of [generated, link(generated, URL2).content]) {
        const result = link(content, odd).content;
        expect(
          parseYaml(result, 'x').toJS().metadata.annotations[
            'prometheus-federation.io/onboarding-pr'
          ],
        ).toBe(odd);
      }
    }
  });

  it('names the field when the file is not the cluster Resource or cannot be edited', () => {
    expect(() => link('kind: Component\nmetadata: {name: purple}\n')).toThrow(
      /not cluster purple's Resource: kind is "Component" and metadata.annotations\["prometheus-federation.io\/cluster"\] is undefined/,
    );
    expect(() =>
      link(generated.replace('cluster: purple', 'cluster: green')),
    ).toThrow(/is "green"/);
    expect(() =>
      link(
        'kind: Resource\nmetadata:\n  annotations: {prometheus-federation.io/cluster: purple}\n',
      ),
    ).toThrow(/metadata.annotations .* flow mapping/);
    expect(() => link('kind: [\n')).toThrow(/not valid YAML/);
  });
});
