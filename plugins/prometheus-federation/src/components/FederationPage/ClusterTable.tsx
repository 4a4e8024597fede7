import { ClusterSummary } from '@internal/plugin-prometheus-federation-common';
import Table from '@material-ui/core/Table';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { useMemo } from 'react';
import { ClusterRow } from './ClusterRow';
import { SortKey, SortOrder, sortClusters } from './sortClusters';
import { useTableStyles } from './tableStyles';

type Column = {
  label: string;
  /** A shorter header where space is tight; the full label stays its accessible name. */
  short?: string;
  sortKey?: SortKey;
  className?: 'low' | 'lowest';
  align?: 'right';
};

const COLUMNS: Column[] = [
  { label: 'Cluster', sortKey: 'name' },
  { label: 'State', sortKey: 'state' },
  { label: 'First failing check' },
  { label: 'Target', className: 'low' },
  { label: 'Last scrape', sortKey: 'lastScrape', className: 'low' },
  { label: 'Duration / timeout', sortKey: 'duration', className: 'low' },
  { label: 'Samples', sortKey: 'samples', className: 'lowest', align: 'right' },
  {
    label: 'http series',
    sortKey: 'httpSeries',
    className: 'low',
    align: 'right',
  },
  {
    label: 'Certificate expiry',
    short: 'Cert expiry',
    sortKey: 'certificate',
    className: 'lowest',
  },
  { label: 'Security group rule', short: 'SG rule', className: 'lowest' },
  { label: 'Firing alerts', sortKey: 'alerts', className: 'low' },
  { label: 'Links', className: 'lowest' },
];

/** The columns plus the leading details toggle. */
const COLUMN_COUNT = COLUMNS.length + 1;

export function ClusterTable(props: {
  clusters: ClusterSummary[];
  order: SortOrder;
  onOrderChange: (order: SortOrder) => void;
  expanded: ReadonlySet<string>;
  onToggle: (name: string) => void;
  clusterHref: (name: string) => string;
}) {
  const classes = useTableStyles();
  const { clusters, order, onOrderChange, expanded, onToggle, clusterHref } =
    props;
  const rows = useMemo(() => sortClusters(clusters, order), [clusters, order]);

  const sortBy = (key: SortKey) =>
    onOrderChange({
      key,
      direction:
        order.key === key && order.direction === 'asc' ? 'desc' : 'asc',
    });

  return (
    <TableContainer>
      <Table
        size="small"
        aria-label="Federated clusters"
        data-testid="cluster-table"
        className={classes.table}
      >
        <caption className={classes.caption}>
          Federated clusters, one row per cluster, sorted by {order.key}{' '}
          {order.direction}ending
        </caption>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <span className={classes.caption}>Details</span>
            </TableCell>
            {COLUMNS.map(col => (
              <TableCell
                key={col.label}
                align={col.align}
                className={col.className ? classes[col.className] : undefined}
                sortDirection={
                  order.key === col.sortKey ? order.direction : false
                }
              >
                {col.sortKey ? (
                  <TableSortLabel
                    active={order.key === col.sortKey}
                    direction={
                      order.key === col.sortKey ? order.direction : 'asc'
                    }
                    onClick={() => sortBy(col.sortKey!)}
                    data-testid={`sort-${col.sortKey}`}
                  >
                    <HeaderLabel column={col} />
                  </TableSortLabel>
                ) : (
                  <HeaderLabel column={col} />
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <tbody>
          {rows.map(cluster => (
            <ClusterRow
              key={cluster.name}
              cluster={cluster}
              expanded={expanded.has(cluster.name)}
              onToggle={onToggle}
              clusterHref={clusterHref}
              classes={classes}
              columnCount={COLUMN_COUNT}
            />
          ))}
        </tbody>
      </Table>
    </TableContainer>
  );
}

function HeaderLabel(props: { column: Column }) {
  const { label, short } = props.column;
  return short ? (
    <abbr title={label} aria-label={label} style={{ textDecoration: 'none' }}>
      {short}
    </abbr>
  ) : (
    <>{label}</>
  );
}
