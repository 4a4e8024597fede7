import {
  CHECK_TITLES,
  SharedCause,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { memo } from 'react';
import { ClusterNames } from './ClusterNames';

const SIDE_TITLE: Record<SharedCause['side'], string> = {
  ops: 'The ops side',
  leaf: 'Each leaf',
};

function SharedCauseAlert(props: {
  cause: SharedCause;
  clusterHref: (name: string) => string;
}) {
  const { cause } = props;
  const id = `${cause.check}-${cause.cause ?? 'none'}-${cause.side}`;
  return (
    <Alert
      severity={cause.side === 'ops' ? 'error' : 'warning'}
      data-testid={`shared-cause-${id}`}
    >
      <AlertTitle>
        {SIDE_TITLE[cause.side]}: {cause.clusters.length} clusters fail{' '}
        {CHECK_TITLES[cause.check].toLowerCase()} alike
      </AlertTitle>
      <div>{cause.summary}</div>
      <div>
        <strong>Fix:</strong> {cause.remediation.summary}
      </div>
      {cause.remediation.commands?.map(command => (
        <Box component="code" display="block" key={command}>
          {command}
        </Box>
      ))}
      <ClusterNames
        names={cause.clusters}
        hrefOf={i => props.clusterHref(cause.clusters[i])}
        showAllTestId={`shared-cause-all-${id}`}
      />
    </Alert>
  );
}

/**
 * "Is it them or us?": causes many clusters share (the ops side's first, then the largest, as the
 * backend orders them), at the top of the status page.
 * Memoised: a poll that leaves them alone does not render them again.
 */
export const SharedCauses = memo(function SharedCausesView(props: {
  causes: SharedCause[];
  clusterHref: (name: string) => string;
}) {
  if (props.causes.length === 0) return null;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      component="section"
      aria-label="Shared causes"
      data-testid="shared-causes"
    >
      {props.causes.map(cause => (
        <SharedCauseAlert
          key={`${cause.check}-${cause.cause ?? ''}-${cause.side}-${
            cause.clusters[0]
          }`}
          cause={cause}
          clusterHref={props.clusterHref}
        />
      ))}
    </Box>
  );
});
