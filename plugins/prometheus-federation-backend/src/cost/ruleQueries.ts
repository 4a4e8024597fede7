/** The expressions of every alerting and recording rule, from ops Prometheus' `/api/v1/rules`. */
import { UsedQuery } from './types';

interface RulesAnswer {
  groups?: Array<{
    name?: string;
    file?: string;
    rules?: Array<{ name?: string; query?: string; type?: string }>;
  }>;
}

export function ruleQueries(data: unknown): UsedQuery[] {
  const out: UsedQuery[] = [];
  for (const group of (data as RulesAnswer)?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      if (typeof rule.query !== 'string') continue;
      const kind = rule.type === 'recording' ? 'recording rule' : 'alert';
      out.push({
        source: `${kind} ${group.name ?? '?'}/${rule.name ?? '?'}`,
        expr: rule.query,
      });
    }
  }
  return out;
}

/** The names recording rules write: ops Prometheus makes them, whatever the job federates. */
export function recordedNames(data: unknown): Set<string> {
  const out = new Set<string>();
  for (const group of (data as RulesAnswer)?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      if (rule.type === 'recording' && typeof rule.name === 'string')
        out.add(rule.name);
    }
  }
  return out;
}
