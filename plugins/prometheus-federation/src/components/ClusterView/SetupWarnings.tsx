import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Box from '@material-ui/core/Box';
import { Link as RouterLink } from 'react-router-dom';
import { VOLUME_ANCHOR } from '../VolumePanel';

/**
 * Where the measured cost of a warning is shown: the volume panel of its cluster's view. The
 * backend's costPath (`/clusters/blue/cost`) names the API route; the page is `clusters/blue`.
 */
export function costHref(costPath: string, onClusterView: boolean): string {
  if (onClusterView) return `#${VOLUME_ANCHOR}`;
  return `${costPath
    .replace(/^\//, '')
    .replace(/\/cost$/, '')}#${VOLUME_ANCHOR}`;
}

/** Problems in the federation set-up itself (alert rules, TLS settings, replicas). */
export function SetupWarnings(props: {
  warnings: SetupWarning[];
  /** On the cluster view the panel is on the same page; on the status page, below it. */
  onClusterView?: boolean;
}) {
  if (props.warnings.length === 0) return null;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      data-testid="setup-warnings"
    >
      {props.warnings.map(w => (
        <SetupWarningAlert
          key={`${w.id}-${w.cluster ?? ''}`}
          warning={w}
          onClusterView={props.onClusterView}
        />
      ))}
    </Box>
  );
}

/** One warning, with the link to its measured cost when it has one. */
export function SetupWarningAlert(props: {
  warning: SetupWarning;
  onClusterView?: boolean;
}) {
  const w = props.warning;
  return (
    <Alert severity="warning" role="note">
      <AlertTitle>
        Federation set-up{w.cluster ? `: ${w.cluster}` : ''}
      </AlertTitle>
      {w.message} <strong>Fix:</strong> {w.remediation}
      {w.costPath && (
        <>
          {' '}
          <RouterLink
            to={costHref(w.costPath, !!props.onClusterView)}
            data-testid="warning-cost-link"
          >
            Measured cost and the narrowing proposal
          </RouterLink>
        </>
      )}
    </Alert>
  );
}
