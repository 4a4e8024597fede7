import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  escapeRegexLiteral,
  FederationProof,
  namesByOwnerForNarrow,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { formatBytes, formatNumber } from '../../format';
import { describeError } from '../describeError';
import { narrowTemplateFormHref } from '../VolumePanel/ProposalPanel';

/**
 * The job's match[] plus one selector with the names to add back: the narrow template's form, with
 * the dashboards and rules that lost them for the pull request.
 */
export function addBackHref(proof: FederationProof): string {
  const names = [...new Set(proof.lost.flatMap(q => q.names))].sort();
  return narrowTemplateFormHref({
    cluster: proof.cluster,
    selectors: [
      ...proof.selectors,
      `{__name__=~"${names.map(escapeRegexLiteral).join('|')}"}`,
    ],
    namesByOwner: namesByOwnerForNarrow(proof.lost),
  });
}

function Measured(props: { proof: FederationProof }) {
  const m = props.proof.measured;
  if (!m) return null;
  return (
    <Typography variant="body2" data-testid="proof-measured">
      Measured per scrape: {formatNumber(m.before.samplesPerScrape)} →{' '}
      {formatNumber(m.after.samplesPerScrape)} samples,{' '}
      {formatBytes(m.before.bodyBytes)} → {formatBytes(m.after.bodyBytes)} (the
      first point of the last hours against the last).
    </Typography>
  );
}

/**
 * After a narrowing: whether every rule and dashboard query that reads this cluster still has
 * data, or which lost it and the names to add back. Read once per visit, like the volume.
 */
export function ProofPanel(props: { name: string }) {
  const api = useApi(prometheusFederationApiRef);
  const [state, setState] = useState<{
    proof?: FederationProof;
    error?: Error;
  }>({});
  useEffect(() => {
    let live = true;
    setState({});
    api.getClusterProof(props.name).then(
      proof => live && setState({ proof }),
      error => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [api, props.name]);
  const { proof, error } = state;
  return (
    <div data-testid="proof-panel">
      <InfoCard
        title="Used queries after narrowing"
        subheader="Every rule and dashboard query that reads this cluster, against what is federated now"
      >
        {error && (
          <Alert severity="warning">
            {describeError(error, `the narrowing proof of ${props.name}`)}
          </Alert>
        )}
        {!proof && !error && <Progress />}
        {proof && proof.notes.length > 0 && (
          <Alert severity="info" data-testid="proof-notes">
            Not proven: {proof.notes.join(' · ')}
          </Alert>
        )}
        {proof && proof.notes.length === 0 && (
          <Box>
            <Alert
              severity={proof.lost.length ? 'error' : 'success'}
              data-testid="proof-summary"
            >
              {proof.withData} of {proof.usedQueries} used queries still have
              data.
            </Alert>
            <Measured proof={proof} />
            {proof.lost.length > 0 && (
              <Box mt={1} data-testid="proof-lost">
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {proof.lost.map(q => (
                    <li key={q.source}>
                      {q.source} (<em>{q.owner}</em>): <code>{q.expr}</code> —
                      add back <code>{q.names.join(', ')}</code>
                    </li>
                  ))}
                </ul>
                <Box mt={1}>
                  <Button
                    variant="contained"
                    color="primary"
                    href={addBackHref(proof)}
                    data-testid="add-back-link"
                  >
                    Add them back with the narrow template
                  </Button>
                </Box>
              </Box>
            )}
          </Box>
        )}
      </InfoCard>
    </div>
  );
}
