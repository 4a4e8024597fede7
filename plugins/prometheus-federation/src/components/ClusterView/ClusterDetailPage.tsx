import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useCallback, useState } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { formatAge, formatClock } from '../../format';
import { ClusterView } from './ClusterView';
import { ClusterOnboardingPanel } from './ClusterOnboardingPanel';
import { describeError } from '../describeError';
import { isStale } from '../isStale';
import { usePolling } from '../usePolling';
import { ProofPanel } from '../ProofPanel';
import { VolumePanel } from '../VolumePanel';

/** The cluster view behind /prometheus-federation/clusters/:name. */
export function ClusterDetailPage() {
  const { name = '' } = useParams();
  const api = useApi(prometheusFederationApiRef);
  const [intervalSeconds, setIntervalSeconds] = useState(60);
  const load = useCallback(async () => {
    const detail = await api.getCluster(name);
    setIntervalSeconds(detail.refreshIntervalSeconds);
    return detail;
  }, [api, name]);
  const { value, loading, error, receivedAt } = usePolling(
    load,
    intervalSeconds,
  );

  return (
    <Box>
      <Box mb={2}>
        <RouterLink to=".." data-testid="back-to-clusters">
          ← All clusters
        </RouterLink>
      </Box>
      {error && !value && (
        <Alert severity="error" data-testid="cluster-error">
          {describeError(error, `cluster ${name}`)}
        </Alert>
      )}
      {error && value && (
        <Alert
          severity="warning"
          data-testid="backend-unreachable-banner"
          style={{ marginBottom: 16 }}
        >
          {describeError(error, `cluster ${name}`)} Showing the data received at{' '}
          {receivedAt ? formatClock(receivedAt.toISOString()) : 'the last poll'}
          .
        </Alert>
      )}
      {value && isStale(value) && (
        <Alert
          severity="warning"
          data-testid="stale-banner"
          style={{ marginBottom: 16 }}
        >
          The data is stale: the snapshot is {formatAge(value.ageSeconds)} old,
          though the backend refreshes every {value.refreshIntervalSeconds} s.
        </Alert>
      )}
      {loading && !value && !error && <Progress />}
      {value && (
        <ClusterView
          cluster={value.cluster}
          onboarding={
            <ClusterOnboardingPanel
              name={name}
              intervalSeconds={intervalSeconds}
            />
          }
        />
      )}
      {/* Only a federated cluster has a volume to measure. */}
      {value && value.cluster.federated !== false && (
        <Box mt={3}>
          <VolumePanel name={name} />
          <Box mt={3}>
            <ProofPanel name={name} />
          </Box>
        </Box>
      )}
    </Box>
  );
}
