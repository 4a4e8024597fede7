/**
 * Every query usage comes from: each ops rule, each panel target and variable of each dashboard
 * read. Incomplete when the rules or a dashboard could not be read: a query not read may use any
 * name.
 */
import { CostFacts } from '../collectors/types';
import { dashboardQueries, DashboardQuery } from './dashboardQueries';
import { ruleQueries } from './ruleQueries';

export function usedQueries(
  facts: Pick<CostFacts, 'rules' | 'dashboards'>,
  datasources: string[],
): {
  queries: DashboardQuery[];
  dashboards: number;
  complete: boolean;
  notes: string[];
} {
  const notes: string[] = [];
  const queries: DashboardQuery[] = [];
  let complete = true;
  if (facts.rules.ok) queries.push(...ruleQueries(facts.rules.value));
  else {
    notes.push(facts.rules.reason);
    complete = false;
  }
  let dashboards = 0;
  if (!facts.dashboards) {
    notes.push('Grafana token not configured: dashboards not counted');
  } else if (!facts.dashboards.ok) {
    notes.push(facts.dashboards.reason);
    complete = false;
  } else {
    const { libraryPanels } = facts.dashboards.value;
    dashboards = facts.dashboards.value.dashboards.length;
    for (const dashboard of facts.dashboards.value.dashboards) {
      queries.push(
        ...dashboardQueries(dashboard, { datasources, libraryPanels }),
      );
    }
    // A dashboard not read may use any name.
    if (facts.dashboards.value.skipped.length > 0) complete = false;
    notes.push(...facts.dashboards.value.skipped);
  }
  return { queries, dashboards, complete, notes };
}
