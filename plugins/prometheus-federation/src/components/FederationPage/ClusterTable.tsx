import { ClusterSummary } from '@promfed/plugin-prometheus-federation-common';
import Table from '@material-ui/core/Table';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
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
  /** Only on the widest screens (1920 px and up). */
  wide?: true;
  align?: 'right';
};

const COLUMNS: Column[] = [
  { label: 'Cluster', sortKey: 'name' },
  { label: 'State', sortKey: 'state' },
  { label: 'First failing check' },
  { label: 'Target', className: 'low' },
  { label: 'Last scrape', sortKey: 'lastScrape', className: 'low' },
  { label: 'Duration / timeout', sortKey: 'duration', wide: true },
  { label: 'Samples', sortKey: 'samples', wide: true, align: 'right' },
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
  { label: 'Security group rule', short: 'SG rule', wide: true },
  { label: 'Firing alerts', sortKey: 'alerts', className: 'low' },
  { label: 'Links', wide: true },
];

/** Below 1920 px the `wide` columns are not rendered at all: hidden cells would still cost every row. */
const NARROW_COLUMNS = COLUMNS.filter(c => !c.wide);

export const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

export type Paging = { page: number; rowsPerPage: number };

/** One page of the clusters, sorted; a page at a time keeps 1000 clusters as quick as 50. */
export function ClusterTable(props: {
  clusters: ClusterSummary[];
  order: SortOrder;
  onOrderChange: (order: SortOrder) => void;
  paging: Paging;
  onPagingChange: (paging: Paging) => void;
  expanded: ReadonlySet<string>;
  onToggle: (name: string) => void;
  clusterHref: (name: string) => string;
}) {
  const classes = useTableStyles();
  const theme = useTheme();
  // Without matchMedia (server, jsdom) every column is rendered.
  const wide = useMediaQuery(theme.breakpoints.up('xl'), {
    defaultMatches: true,
    noSsr: true,
  });
  const columns = wide ? COLUMNS : NARROW_COLUMNS;
  const { clusters, order, onOrderChange, paging, onPagingChange } = props;
  const { expanded, onToggle, clusterHref } = props;
  const sorted = useMemo(
    () => sortClusters(clusters, order),
    [clusters, order],
  );
  // A poll can shrink the list under the current page: show its last page then.
  const lastPage = Math.max(
    0,
    Math.ceil(sorted.length / paging.rowsPerPage) - 1,
  );
  const page = Math.min(paging.page, lastPage);
  const rows = sorted.slice(
    page * paging.rowsPerPage,
    (page + 1) * paging.rowsPerPage,
  );

  const sortBy = (key: SortKey) =>
    onOrderChange({
      key,
      direction:
        order.key === key && order.direction === 'asc' ? 'desc' : 'asc',
    });

  return (
    <>
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
              {columns.map(col => (
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
                columnCount={columns.length + 1}
                wide={wide}
              />
            ))}
          </tbody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={sorted.length}
        page={page}
        rowsPerPage={paging.rowsPerPage}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        onPageChange={(_, next) => onPagingChange({ ...paging, page: next })}
        onRowsPerPageChange={e =>
          onPagingChange({ page: 0, rowsPerPage: Number(e.target.value) })
        }
        labelRowsPerPage="Clusters per page"
        data-testid="cluster-pagination"
      />
    </>
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
