import type { EditResult } from './editResult';
import { federationRules, isRuleOf } from './securityRules';
import { removeBlocks } from './terraformBlocks';

/**
 * Removes the federation rule(s) of `cluster` from the Terraform file: each block with the
 * comment lines right above it and one blank line before, so a rule that addSecurityRule
 * inserted comes out leaving the file byte for byte as it was.
 */
export function removeSecurityRule(
  content: string,
  cluster: string,
): EditResult {
  const { style, rules } = federationRules(content);
  const mine = rules.filter(r => isRuleOf(r, cluster));
  if (mine.length === 0) return { content, status: 'unchanged', notes: [] };
  const result = removeBlocks(content, mine);
  return {
    content: result,
    status: 'removed',
    notes: [`removed ${mine.map(r => `\`${style}.${r.name}\``).join(', ')}`],
  };
}
