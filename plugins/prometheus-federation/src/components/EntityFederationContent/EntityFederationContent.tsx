import { Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../describeError';
import { ClusterView } from '../ClusterView/ClusterView';
import { useEntityFederation } from '../useEntityFederation';

/** The "Federation" tab of a cluster Resource: the cluster's whole triage. */
export function EntityFederationContent() {
  const { value, loading, error, entityRef } = useEntityFederation();
  if (loading && !value) return <Progress />;
  if (!value) {
    return (
      <Alert severity="error" data-testid="entity-federation-error">
        {describeError(
          error ?? new Error('no data'),
          `the federation status of ${entityRef}`,
        )}
      </Alert>
    );
  }
  if (value.kind !== 'cluster') {
    return (
      <Alert severity="info" data-testid="entity-federation-error">
        {entityRef} is an application, not a cluster: see its federated metrics
        card.
      </Alert>
    );
  }
  return <ClusterView cluster={value.cluster} />;
}
