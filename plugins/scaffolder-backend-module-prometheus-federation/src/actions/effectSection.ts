import type { Part, Place } from '../inventory/types';
import { describePlace } from '../inventory/types';
import type { VerifiedEffect } from '../plan/verifyEffects';

export const PART_TITLES: Record<Part, string> = {
  scrapeJob: 'federate scrape job',
  securityRule: 'ops-to-leaf security group rule',
  alertRules: 'alert rules',
  exposure: 'Ingress or HTTPRoute',
  catalogEntity: 'catalog entity',
};

/** `- <verb>: <file>: <construct>`, one line per place: the lines the property test reads. */
export function placeLines(
  verb: 'added' | 'removed',
  places: Place[],
): string[] {
  return places.map(p => `- ${verb}: ${describePlace(p)}`);
}

/**
 * The pull request's account of the run, read from the edited files by the inventory (not
 * from what the editors meant to do): the places added and removed, and the parts the cluster
 * already had (add) or already lacked (remove).
 */
export function effectSection(
  mode: 'add' | 'remove',
  effect: VerifiedEffect,
): string[] {
  const c = effect.cluster;
  const lines = [
    '## Checked in the edited files',
    ...placeLines('added', effect.added),
    ...placeLines('removed', effect.removed),
  ];
  if (effect.added.length + effect.removed.length === 0)
    lines.push('- no place changes');
  if (mode === 'add') {
    const kept = effect.before.filter(p => !effect.removed.includes(p));
    if (kept.length > 0)
      lines.push('', `Already there: ${kept.map(describePlace).join(', ')}.`);
  } else if (effect.absentBefore.length > 0) {
    lines.push(
      '',
      `Already without \`${c}\`: ${effect.absentBefore
        .map(p => PART_TITLES[p])
        .join(', ')}.`,
    );
  }
  if (effect.manual.length > 0) {
    lines.push(
      '',
      `Left for a human (see above): ${effect.manual
        .map(r => `\`${r}\``)
        .join(', ')}.`,
    );
  }
  if (effect.unknown.length > 0) {
    lines.push(
      '',
      'Not understood, left as they are:',
      ...effect.unknown.map(
        u => `- \`${u.file}\`: ${u.construct} (${u.reason})`,
      ),
    );
  }
  return [...lines, ''];
}
