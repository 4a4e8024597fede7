import {
  federateJobName,
  httpRoutePath,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { InputError } from '@backstage/errors';
import { removeClusterFromAlertRules } from '../editors/alertRules';
import type { EditResult } from '../editors/editResult';
import { removeScrapeJob } from '../editors/removeScrapeJob';
import { removeSecurityRule } from '../editors/removeSecurityRule';
import {
  readCollection,
  removeFromCollection,
} from '../editors/terraformCollections';
import { removeModuleCalls } from '../editors/terraformModules';
import { readInventory } from '../inventory/readInventory';
import { Inventory, Layout, Part, placesOf } from '../inventory/types';
import type { RemoveClusterInput } from '../validation/removeClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { alertRuleFiles } from './alertRuleFiles';
import { checkHcl } from './checkHcl';
import { createPlanner, FileChange, FileKind } from './planner';
import { refuseUnknown } from './siblingLayout';

/** Layouts whose file is the cluster's alone: removing the cluster deletes the file. */
const OWN_FILE: Layout[] = [
  'scrapeConfigResource',
  'ingress',
  'httpRoute',
  'catalogFile',
];

/** The planner's file kind of a cluster's own file, by the part it holds. */
const FILE_KIND: Record<Part, FileKind> = {
  scrapeJob: 'scrapeConfigs',
  exposure: 'ingress',
  catalogEntity: 'catalogEntity',
  securityRule: 'terraform',
  alertRules: 'alertRules',
};

/**
 * The reverse of planAddCluster, in memory, wherever the inventory finds the cluster: its own
 * files (Ingress or HTTPRoute, ScrapeConfig, catalog file) deleted, its security group rule,
 * module call or `for_each` item, federate job and alert-rule entries taken out.
 */
export async function planRemoveCluster(
  input: RemoveClusterInput,
  repo: RepoReader,
  inventory?: Inventory,
): Promise<FileChange[]> {
  const found = inventory ?? (await readInventory(repo));
  refuseUnknown(found, 'securityRule');
  refuseUnknown(found, 'scrapeJob');
  const paths = {
    ...repositoryLayout(input.cluster),
    httpRoute: httpRoutePath(input.cluster),
    ...input.paths,
  };
  const c = input.cluster;
  const planner = createPlanner(repo);
  const places = placesOf(found, c);

  const ownFiles = places.filter(p => OWN_FILE.includes(p.layout));
  for (const place of ownFiles) {
    const others = found.places.filter(
      p => p.file === place.file && p.cluster !== c,
    );
    if (others.length > 0 || (await isMultiDocument(repo, place.file))) {
      throw new InputError(
        `${place.file}: ${place.construct} shares its file with other resources; remove it by hand`,
      );
    }
  }
  await planner.remove('ingress', paths.ingress);
  await planner.remove('httpRoute', paths.httpRoute);
  for (const file of new Set(ownFiles.map(p => p.file))) {
    const part = ownFiles.find(p => p.file === file)!.part;
    if ([paths.ingress, paths.httpRoute, paths.catalogEntity].includes(file))
      continue;
    await planner.remove(FILE_KIND[part], file);
  }

  const terraformFiles = new Set([
    paths.terraform,
    ...places.filter(p => p.part === 'securityRule').map(p => p.file),
  ]);
  for (const file of terraformFiles) {
    const mine = places.filter(
      p => p.file === file && p.part === 'securityRule',
    );
    // The default file is required unless the cluster's rule lives in another one.
    const required =
      file === paths.terraform &&
      !places.some(p => p.part === 'securityRule' && p.file !== file);
    await planner.edit('terraform', file, required, async content => {
      if (content === undefined) return { content: '', status: 'unchanged' };
      await checkHcl(content, 'The file');
      let result: EditResult = { content, status: 'unchanged', notes: [] };
      for (const layout of new Set(mine.map(p => p.layout))) {
        const next = removeFrom(result.content, layout, c, mine);
        if (next.status !== 'unchanged') {
          result = {
            content: next.content,
            status: 'removed',
            notes: [...(result.notes ?? []), ...(next.notes ?? [])],
          };
        }
      }
      if (result.status !== 'unchanged')
        await checkHcl(result.content, 'The edited file');
      return result;
    });
  }

  const scrapeFiles = new Set([
    paths.scrapeConfigs,
    ...places
      .filter(p => p.part === 'scrapeJob' && !OWN_FILE.includes(p.layout))
      .map(p => p.file),
  ]);
  for (const file of scrapeFiles) {
    const required =
      file === paths.scrapeConfigs &&
      !places.some(p => p.part === 'scrapeJob' && p.file !== file);
    await planner.edit('scrapeConfigs', file, required, content =>
      content === undefined
        ? { content: '', status: 'unchanged' }
        : removeScrapeJob(content, federateJobName(c)),
    );
  }
  if (input.updateAlertRules) {
    for (const file of alertRuleFiles(found, paths.alertRules)) {
      await planner.edit(
        'alertRules',
        file,
        file === paths.alertRules,
        content => removeClusterFromAlertRules(content!, c),
      );
    }
  }
  await planner.remove('catalogEntity', paths.catalogEntity);
  return planner.changes.filter(
    ch => !(ch.previous === undefined && ch.status === 'unchanged'),
  );
}

/** The cluster taken out of one Terraform layout in the file's text. */
function removeFrom(
  content: string,
  layout: Layout,
  cluster: string,
  mine: Array<{ layout: Layout; construct: string }>,
): EditResult {
  if (layout === 'terraformModule') return removeModuleCalls(content, cluster);
  if (layout === 'terraformForEach') {
    const ref = /^(\S+)/.exec(
      mine.find(p => p.layout === layout)!.construct,
    )![1];
    const result = removeFromCollection(
      content,
      readCollection(content, ref)!,
      cluster,
    );
    return { ...result, notes: [`\`${cluster}\` removed from \`${ref}\``] };
  }
  return removeSecurityRule(content, cluster);
}

async function isMultiDocument(repo: RepoReader, file: string) {
  const text = (await repo.read(file)) ?? '';
  return /^---\s*$/m.test(text.replace(/^---\s*\n/, ''));
}
