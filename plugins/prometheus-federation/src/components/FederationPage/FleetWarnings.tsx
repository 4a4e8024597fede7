import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { memo, useMemo } from 'react';
import {
  SetupWarningAlert,
  costHref,
  TemplateLink,
  warningKey,
} from '../ClusterView/SetupWarnings';
import { ClusterNames } from './ClusterNames';

/**
 * From this many clusters with the same warning, they are shown as one: a fleet whose federate
 * jobs all keep the default match-all selector has a warning per cluster, and 1000 alerts
 * took the page longer to render than its table.
 */
export const GROUP_FROM = 3;
export { NAMES_SHOWN } from './ClusterNames';

/** Warnings of one kind on several clusters, in the order the backend sent them. */
export function groupWarnings(warnings: SetupWarning[]): SetupWarning[][] {
  const byId = new Map<string, SetupWarning[]>();
  const groups: SetupWarning[][] = [];
  for (const w of warnings) {
    // A fleet-wide warning (no cluster) always stands on its own.
    const key = w.cluster === undefined ? undefined : w.id;
    const group = key === undefined ? undefined : byId.get(key);
    if (group) {
      group.push(w);
    } else {
      groups.push([w]);
      if (key !== undefined) byId.set(key, groups[groups.length - 1]);
    }
  }
  // Small groups read better one by one, each with its own text.
  return groups.flatMap(g => (g.length < GROUP_FROM ? g.map(w => [w]) : [g]));
}

/** Where a cluster's warning points: its measured cost when it has one, else its view. */
const clusterHref = (w: SetupWarning) =>
  w.costPath
    ? costHref(w.costPath, false)
    : `clusters/${encodeURIComponent(w.cluster ?? '')}`;

function WarningGroup(props: { warnings: SetupWarning[] }) {
  const { warnings } = props;
  const first = warnings[0];
  return (
    <Alert
      severity="warning"
      role="note"
      data-testid={`warning-group-${first.id}`}
    >
      <AlertTitle>Federation set-up: {warnings.length} clusters</AlertTitle>
      The same problem on each of them; for {first.cluster}: {first.message}{' '}
      <strong>Fix:</strong> {first.remediation}
      <TemplateLink warning={first} text="Adopt them with the template" />
      <ClusterNames
        names={warnings.map(w => w.cluster ?? '')}
        hrefOf={i => clusterHref(warnings[i])}
        showAllTestId={`warning-group-all-${first.id}`}
      />
    </Alert>
  );
}

/**
 * The status page's set-up warnings, one kind on many clusters grouped. Memoised: a filter,
 * search or page change does not render them again.
 */
export const FleetWarnings = memo(function FleetWarningsView(props: {
  warnings: SetupWarning[];
}) {
  const groups = useMemo(() => groupWarnings(props.warnings), [props.warnings]);
  if (groups.length === 0) return null;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      data-testid="setup-warnings"
    >
      {groups.map(g =>
        g.length === 1 ? (
          <SetupWarningAlert key={warningKey(g[0])} warning={g[0]} />
        ) : (
          <WarningGroup key={g[0].id} warnings={g} />
        ),
      )}
    </Box>
  );
});
