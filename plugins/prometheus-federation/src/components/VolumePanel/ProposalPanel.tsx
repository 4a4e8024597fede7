import {
  InvalidRegex,
  namesByOwnerForNarrow,
  NarrowingProposal,
  UnparsableQuery,
  VolumeFigures,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatBytes, formatNumber } from '../../format';

/** The "Narrow cluster federation" template (templates/narrow-cluster-federation). */
const TEMPLATE_PATH = '/create/templates/default/narrow-cluster-federation';

/**
 * The scaffolder fills the form from `?formData=<json>`: the cluster, the proposed selectors, the
 * names they keep (and who reads them) and the measured savings, for the pull request.
 */
export function narrowTemplateHref(proposal: NarrowingProposal): string {
  const { before, after } = proposal;
  return narrowTemplateFormHref({
    cluster: proposal.cluster,
    selectors: proposal.selectors,
    keptNames: proposal.keptNames,
    namesByOwner: namesByOwnerForNarrow(proposal.namesByOwner),
    savings: {
      seriesBefore: before.series,
      seriesAfter: after.series,
      samplesBefore: before.samplesPerScrape,
      samplesAfter: after.samplesPerScrape,
      bytesBefore: before.bodyBytes,
      bytesAfter: after.bodyBytes,
    },
  });
}

/** The narrow template with its form filled (cluster and selectors at least). */
export function narrowTemplateFormHref(form: {
  cluster: string;
  selectors: string[];
  [field: string]: unknown;
}): string {
  return `${TEMPLATE_PATH}?formData=${encodeURIComponent(
    JSON.stringify(form),
  )}`;
}

const percent = (before?: number, after?: number) =>
  before && after !== undefined
    ? `${(((before - after) / before) * 100).toFixed(1)} %`
    : '—';

function SavingsRow(props: {
  label: string;
  field: keyof VolumeFigures;
  proposal: NarrowingProposal;
  format: (value?: number) => string;
}) {
  const before = props.proposal.before[props.field];
  const after = props.proposal.after[props.field];
  return (
    <TableRow data-testid={`savings-${props.field}`}>
      <TableCell component="th" scope="row">
        {props.label}
      </TableCell>
      <TableCell align="right">{props.format(before)}</TableCell>
      <TableCell align="right">{props.format(after)}</TableCell>
      <TableCell align="right">{percent(before, after)}</TableCell>
    </TableRow>
  );
}

/** The narrowest match[] that keeps every used series, what it saves, and the template that applies it. */
export function ProposalPanel(props: {
  proposal: NarrowingProposal;
  unparsable: UnparsableQuery[];
  invalidRegexes: InvalidRegex[];
}) {
  const { proposal, unparsable, invalidRegexes } = props;
  return (
    <Box data-testid="narrowing-proposal">
      <Typography variant="h6" component="h3">
        Proposal
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {proposal.narrowed
          ? `Keeps ${proposal.keptNames.length} metric names: ${proposal.reason}.`
          : `The job stays match-all: ${proposal.reason}.`}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        match[]
      </Typography>
      <Box
        component="pre"
        data-testid="proposed-selectors"
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}
      >
        {proposal.selectors.join('\n')}
      </Box>
      {proposal.narrowed && (
        <Table size="small" aria-label="Savings" style={{ maxWidth: 560 }}>
          <TableHead>
            <TableRow>
              <TableCell>Per scrape</TableCell>
              <TableCell align="right">Before</TableCell>
              <TableCell align="right">After</TableCell>
              <TableCell align="right">Saved</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <SavingsRow
              label="Series"
              field="series"
              proposal={proposal}
              format={formatNumber}
            />
            <SavingsRow
              label="Samples"
              field="samplesPerScrape"
              proposal={proposal}
              format={formatNumber}
            />
            <SavingsRow
              label="Bytes (estimated after)"
              field="bodyBytes"
              proposal={proposal}
              format={formatBytes}
            />
          </TableBody>
        </Table>
      )}
      <details data-testid="kept-names" style={{ margin: '8px 0' }}>
        <summary>Kept metric names ({proposal.keptNames.length})</summary>
        <Typography variant="body2" component="div">
          <code>{proposal.keptNames.join(', ')}</code>
        </Typography>
      </details>
      {proposal.namesByOwner.length > 0 && (
        <details data-testid="names-by-owner" style={{ margin: '8px 0' }}>
          <summary>
            Names kept for each dashboard and rule (
            {proposal.namesByOwner.length})
          </summary>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {proposal.namesByOwner.map(o => (
              <li key={o.owner}>
                {o.owner}: <code>{o.names.join(', ')}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {invalidRegexes.length > 0 && (
        <Alert severity="warning" data-testid="invalid-regexes">
          Prometheus refuses these regexes, so their queries may read any metric
          and nothing is narrowed; fix them in the dashboard or rule:
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {invalidRegexes.map(r => (
              <li key={`${r.source}-${r.pattern}`}>
                <code>{r.pattern}</code> — {r.source}: {r.error}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {unparsable.length > 0 && (
        <Alert severity="info" data-testid="kept-unparsable">
          Kept only because a query could not be parsed:
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {unparsable.map(q => (
              <li key={`${q.source}-${q.expr}`}>
                <code>{q.names.join(', ') || '(no names found)'}</code> —{' '}
                {q.source}: {q.error}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {proposal.narrowed && (
        <Box mt={1}>
          <Button
            variant="contained"
            color="primary"
            href={narrowTemplateHref(proposal)}
            data-testid="narrow-template-link"
          >
            Narrow cluster federation
          </Button>
        </Box>
      )}
    </Box>
  );
}
