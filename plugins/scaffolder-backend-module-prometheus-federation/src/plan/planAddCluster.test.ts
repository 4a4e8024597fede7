import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import type { AddClusterActionInput } from '../actions/addCluster.schema';
import { FederationEditError } from '../errors';
import { validateAddClusterInput } from '../validation/addClusterInput';
import { FIXTURES, readTree } from '../__testUtils__/fixtureRepo';
import { memoryRepo } from '../__testUtils__/memoryRepo';
import { planAddCluster } from './planAddCluster';

const paths = repositoryLayout('purple');

const setup = () => readTree(path.join(FIXTURES, 'federation-setup'));
const input = (overrides: Partial<AddClusterActionInput> = {}) =>
  validateAddClusterInput({
    cluster: 'purple',
    domain: 'talentos.darey.io',
    ...overrides,
  } as AddClusterActionInput);

describe('planAddCluster', () => {
  it('plans every file from the inputs and the files as they are', async () => {
    const files = setup();
    const changes = await planAddCluster(input(), memoryRepo(files));
    expect(changes.map(c => [c.kind, c.path, c.status])).toEqual([
      ['ingress', paths.ingress, 'added'],
      ['terraform', paths.terraform, 'added'],
      ['scrapeConfigs', paths.scrapeConfigs, 'added'],
      ['alertRules', paths.alertRules, 'added'],
    ]);
    expect(changes[0].previous).toBeUndefined();
    expect(changes[1].previous).toBe(files[paths.terraform]);
    // The Ingress follows the first sibling, blue.
    expect(changes[0].content).toContain('prometheus-purple.talentos.darey.io');
  });

  it('names a required file that is missing', async () => {
    const files = setup();
    delete files[paths.scrapeConfigs];
    await expect(planAddCluster(input(), memoryRepo(files))).rejects.toThrow(
      new InputError(
        `${paths.scrapeConfigs}: file not found in the workspace; fetch it before this step or set its path in "paths"`,
      ),
    );
  });

  it("wraps an editor's error with its file and keeps it as the cause", async () => {
    const files = setup();
    const first = await planAddCluster(
      input({ tls: 'insecure-skip-verify' }),
      memoryRepo(files),
    );
    files[paths.scrapeConfigs] = first[2].content;
    const error = await planAddCluster(input(), memoryRepo(files)).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(FederationEditError);
    expect(error.file).toBe(paths.scrapeConfigs);
    expect(error.cause).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      `${paths.scrapeConfigs}: ${error.cause.message}`,
    );
  });
});
