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

/** A warning's React key: refused catalog entities share id and (no) cluster. */
export const warningKey = (w: SetupWarning) =>
  `${w.id}-${w.cluster ?? ''}-${w.entityRef ?? ''}`;

/**
 * The scaffolder's page of a template (`template:default/add-cluster-to-federation`), at the
 * scaffolder's default mount point.
 */
export function templateHref(templateRef: string): string {
  const [, namespace, name] =
    /^(?:template:)?(?:([^/]+)\/)?(.+)$/.exec(templateRef) ?? [];
  return `/create/templates/${encodeURIComponent(
    namespace ?? 'default',
  )}/${encodeURIComponent(name ?? templateRef)}`;
}

/** The link to the template that fixes a warning, when it names one. */
export function TemplateLink(props: { warning: SetupWarning; text: string }) {
  const ref = props.warning.templateRef;
  if (!ref) return null;
  return (
    <>
      {' '}
      <RouterLink to={templateHref(ref)} data-testid="warning-template-link">
        {props.text}
      </RouterLink>
    </>
  );
}

/** Problems in the federation set-up itself (alert rules, TLS settings, replicas, discovery). */
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
          key={warningKey(w)}
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
      <TemplateLink warning={w} text="Adopt it with the template" />
    </Alert>
  );
}
