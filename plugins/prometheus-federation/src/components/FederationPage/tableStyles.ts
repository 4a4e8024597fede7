import { makeStyles } from '@material-ui/core/styles';

/**
 * The body rows are plain table elements styled here once, rather than MUI TableRow and
 * TableCell: at 200 clusters the per-cell component wrappers cost most of the first render.
 * Lower-priority columns give way on narrower screens (the details row shows them all); the
 * name, state and headline stay. At 1280 px beside the app's pinned sidebar the table has about
 * 1000 px: the widest screens' columns only appear from 1920 px (see ClusterTable).
 */
export const useTableStyles = makeStyles(theme => ({
  table: {
    '& tbody td, & tbody th': {
      ...theme.typography.body2,
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      verticalAlign: 'top',
      textAlign: 'left',
    },
    '& tbody th': { fontWeight: 500, overflowWrap: 'anywhere', minWidth: 80 },
    '& thead th': { whiteSpace: 'nowrap', padding: theme.spacing(0.75, 1) },
    // A light tint: on action.hover (#eee) the secondary text falls below 4.5:1.
    '& tbody tr:hover': { background: theme.palette.background.default },
  },
  headline: { minWidth: 140, [theme.breakpoints.up('md')]: { minWidth: 200 } },
  secondary: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    marginTop: 2,
    overflowWrap: 'anywhere',
  },
  nowrap: { whiteSpace: 'nowrap' },
  right: { textAlign: 'right !important' as 'right' },
  low: { [theme.breakpoints.down('sm')]: { display: 'none' } },
  lowest: { [theme.breakpoints.down('md')]: { display: 'none' } },
  details: { background: theme.palette.background.default },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all', margin: 0 },
  link: {
    color: theme.palette.link ?? theme.palette.primary.main,
    fontWeight: 500,
  },
  toggle: {
    display: 'inline-flex',
    padding: 2,
    border: 'none',
    borderRadius: '50%',
    background: 'transparent',
    color: 'inherit',
    cursor: 'pointer',
    '&:hover': { background: theme.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  caption: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  },
}));

export type TableClasses = ReturnType<typeof useTableStyles>;
