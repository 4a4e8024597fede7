import fs from 'node:fs';
import path from 'node:path';
import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction as run } from '../__testUtils__/runAction';

const paths = repositoryLayout('purple');
const runAction = (workspacePath: string, input: Record<string, unknown>) =>
  run(createAddClusterAction(), workspacePath, input);

describe('prometheus-federation:cluster:add with bad input', () => {
  afterEach(removeFixtureRepos);

  describe('bad input', () => {
    it.each([
      [{ cluster: 'Purple' }, 'Invalid cluster "Purple": use a DNS-1123 label'],
      [{ cluster: 'pur_ple' }, 'Invalid cluster'],
      // prometheus-<cluster> must stay one 63-character DNS label.
      [{ cluster: 'x'.repeat(53) }, 'at most 52 characters'],
      [{ cluster: 'purple"\n  evil: true' }, 'Invalid cluster'],
      [{ cluster: 'ops' }, 'the ops cluster cannot federate itself'],
      [{ domain: 'localhost' }, 'Invalid domain "localhost"'],
      [{ domain: 'x.io"]\nresource "evil" "x" {' }, 'Invalid domain'],
      [{ domain: '${var.domain}' }, 'Invalid domain'],
      [
        { sourceSecurityGroupId: 'sg-12' },
        'Invalid sourceSecurityGroupId "sg-12"',
      ],
      [
        { targetSecurityGroupId: '${aws_security_group.x.id}' },
        'Invalid targetSecurityGroupId',
      ],
      [
        { region: 'eu-west-1a' },
        'Invalid region "eu-west-1a": use an AWS region',
      ],
      [{ tls: 'none' }, 'Invalid tls'],
      [{ match: ['{a="b"}\n- evil'] }, 'Invalid match[0]'],
      [{ match: ['{a="${x}"}'] }, 'Invalid match[0]'],
      [{ scrapeTimeout: '10 seconds' }, 'Invalid scrapeTimeout'],
      [{ paths: { terraform: '../../etc/passwd' } }, 'Invalid paths.terraform'],
      [{ clusterIssuer: 'Lets Encrypt' }, 'Invalid clusterIssuer'],
    ])('rejects %j', async (input, message) => {
      const repo = fixtureRepo('federation-setup');
      const before = readTree(repo);
      await expect(runAction(repo, input)).rejects.toThrow(message);
      expect(readTree(repo)).toEqual(before);
    });

    it('names a missing file', async () => {
      const repo = fixtureRepo('federation-setup');
      fs.rmSync(path.join(repo, paths.terraform));
      const before = readTree(repo);
      await expect(runAction(repo, {})).rejects.toThrow(
        `${paths.terraform}: file not found in the workspace`,
      );
      expect(readTree(repo)).toEqual(before);
    });

    it.each([
      [
        'terraform',
        'resource "aws_security_group_rule" "x" {\n  type = \n',
        'is not valid HCL',
      ],
      ['scrapeConfigs', 'spec:\n  source: [unclosed\n', 'is not valid YAML'],
      ['alertRules', 'kind: ConfigMap\n', 'is not a PrometheusRule'],
    ] as const)(
      'names an unparsable %s file and leaves every file as it was',
      async (kind, content, message) => {
        const repo = fixtureRepo('federation-setup');
        fs.writeFileSync(path.join(repo, paths[kind]), content);
        const before = readTree(repo);
        await expect(runAction(repo, {})).rejects.toThrow(
          `${paths[kind]}: The file ${message}`,
        );
        expect(readTree(repo)).toEqual(before);
      },
    );
  });
});
