import { readInventory } from '../inventory/readInventory';
import {
  describePlace,
  Inventory,
  Part,
  Place,
  placesOf,
  UnknownShape,
} from '../inventory/types';
import { EffectNotVerifiedError } from '../errors';
import type { RepoReader } from '../workspace/repoReader';
import { withChanges } from '../workspace/repoReader';
import type { FileChange } from './planner';

/** What a run did to the cluster's places, as the inventory reads the files before and after. */
export interface VerifiedEffect {
  cluster: string;
  /** The cluster's places before the run. */
  before: Place[];
  /** Places the run adds and removes (file and construct). */
  added: Place[];
  removed: Place[];
  /** Parts the cluster had no place in before the run. */
  absentBefore: Part[];
  /** Alert rules left for a human, by name. */
  manual: string[];
  /** Shapes the inventory did not understand: left as they are. */
  unknown: UnknownShape[];
}

const key = (p: Place) => `${p.part}\u0000${p.file}\u0000${p.construct}`;

/** Places of every cluster but `cluster`, as comparable keys. */
function othersOf(inventory: Inventory, cluster: string): string[] {
  // Alert rules aside: a list that loses its second-last cluster is no list any more.
  return inventory.places
    .filter(p => p.cluster !== cluster && p.part !== 'alertRules')
    .map(p => `${p.cluster}\u0000${key(p)}`)
    .sort();
}

function ruleOf(place: Place): string {
  return /^rule (.*), list \d+$/.exec(place.construct)?.[1] ?? '';
}

/**
 * Reads the inventory again from the planned files and checks the intended effect: after add
 * the cluster is in each part exactly once (once in every list of clusters of an alert rule),
 * after remove it is nowhere; other clusters' places are untouched either way. Alert rules
 * the editor left for a human, and all of them when the run does not update alert rules, are
 * exempt and named. A failed check throws
 * EffectNotVerifiedError: the caller writes nothing.
 */
export async function verifyEffect(
  mode: 'add' | 'remove',
  cluster: string,
  repo: RepoReader,
  before: Inventory,
  changes: FileChange[],
  expectedParts: Part[],
  alertRules: boolean,
): Promise<VerifiedEffect> {
  const after = await readInventory(withChanges(repo, changes));
  const manual = [...new Set(changes.flatMap(c => c.manual ?? []))];
  const problems: string[] = [];
  const mine = placesOf(after, cluster).filter(
    p =>
      !(p.part === 'alertRules' && (!alertRules || manual.includes(ruleOf(p)))),
  );
  if (mode === 'add') {
    for (const part of expectedParts) {
      const n = mine.filter(p => p.part === part).length;
      if (part !== 'alertRules' && n !== 1)
        problems.push(`${part}: ${n} places instead of one`);
    }
    // Every list of clusters names the cluster once.
    const lists = new Map<string, number>();
    const rules = alertRules ? after.places : [];
    for (const p of rules.filter(x => x.part === 'alertRules')) {
      if (manual.includes(ruleOf(p))) continue;
      const k = `${p.file}\u0000${p.construct}`;
      lists.set(k, (lists.get(k) ?? 0) + (p.cluster === cluster ? 1 : 0));
    }
    for (const [k, n] of lists) {
      if (n !== 1)
        problems.push(
          `alert rules: ${k.replace('\u0000', ': ')} names it ${n} times`,
        );
    }
  } else if (mine.length > 0) {
    problems.push(`still federated at ${mine.map(describePlace).join(', ')}`);
  }
  const others = othersOf(before, cluster).join('\n');
  if (othersOf(after, cluster).join('\n') !== others)
    problems.push('the places of other clusters would change');
  if (problems.length > 0) {
    throw new EffectNotVerifiedError(
      `The planned edit does not ${mode} cluster ${cluster} as intended (${problems.join(
        '; ',
      )}); nothing was written`,
    );
  }
  const beforeMine = placesOf(before, cluster);
  const afterMine = placesOf(after, cluster);
  const beforeKeys = new Set(beforeMine.map(key));
  const afterKeys = new Set(afterMine.map(key));
  return {
    cluster,
    before: beforeMine,
    added: afterMine.filter(p => !beforeKeys.has(key(p))),
    removed: beforeMine.filter(p => !afterKeys.has(key(p))),
    absentBefore: expectedParts.filter(
      part => !beforeMine.some(p => p.part === part),
    ),
    manual,
    unknown: before.unknown,
  };
}
