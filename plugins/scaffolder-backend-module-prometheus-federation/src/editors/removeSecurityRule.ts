import type { EditResult } from './editResult';
import { federationRules, isRuleOf } from './securityRules';

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
  let result = content;
  for (const rule of [...mine].reverse()) {
    let start = rule.start;
    // Comment lines directly above belong to the rule.
    for (;;) {
      const prevStart = result.lastIndexOf('\n', start - 2) + 1;
      const line = result.slice(prevStart, start - 1);
      if (start === 0 || !/^\s*(#|\/\/)/.test(line)) break;
      start = prevStart;
    }
    let end = rule.end;
    if (result[end] === '\n') end++;
    if (result.slice(0, start).endsWith('\n\n')) start--;
    else if (start === 0 && result[end] === '\n') end++;
    result = result.slice(0, start) + result.slice(end);
  }
  return {
    content: result,
    status: 'removed',
    notes: [`removed ${mine.map(r => `\`${style}.${r.name}\``).join(', ')}`],
  };
}
