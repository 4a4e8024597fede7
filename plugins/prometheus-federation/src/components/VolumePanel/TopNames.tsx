import { ClusterCost } from '@promfed/plugin-prometheus-federation-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatNumber } from '../../format';

type Top = NonNullable<ClusterCost['volume']>['top'];

/** The metric names with the most series, and whether any rule or dashboard reads them. */
export function TopNames(props: { top: Top }) {
  return (
    <Table size="small" aria-label="Top metric names by series">
      <TableHead>
        <TableRow>
          <TableCell>Metric name</TableCell>
          <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
            Series
          </TableCell>
          <TableCell>Rules, dashboards</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.top.map(t => (
          <TableRow key={t.name} data-testid={`top-name-${t.name}`}>
            <TableCell
              style={{ fontFamily: 'monospace', wordBreak: 'break-word' }}
            >
              {t.name}
            </TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              {formatNumber(t.series)}
            </TableCell>
            <TableCell>{t.used ? 'used' : 'unused'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
