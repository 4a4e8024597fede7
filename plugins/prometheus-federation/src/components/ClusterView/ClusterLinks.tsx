import { ClusterLinks as Links } from '@promfed/plugin-prometheus-federation-common';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  // Stacked in a table row, so the last column never runs off a laptop screen.
  compact: { flexDirection: 'column', gap: 0, whiteSpace: 'nowrap' },
  link: {
    color: theme.palette.link ?? theme.palette.primary.main,
    textDecoration: 'none',
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
  },
}));

/**
 * Grafana dashboards filtered to the cluster, the ops targets page, Argo CD and AWS.
 * Plain anchors rather than Backstage's Link: the status page renders several per row,
 * and these always leave the portal.
 */
export function ClusterLinks(props: {
  cluster: string;
  links: Links;
  /** Only the dashboards, the targets page and Argo CD: for a table row. */
  compact?: boolean;
}) {
  const classes = useStyles();
  const { links, cluster, compact } = props;
  // `label` is the short visible text of a compact row; `title` is always the accessible name.
  const items = [
    ...links.dashboards.map(d => ({
      title: d.title,
      label: compact && links.dashboards.length === 1 ? 'Grafana' : d.title,
      url: d.url,
    })),
    links.prometheusTargets && {
      title: 'Prometheus targets',
      label: compact ? 'Targets' : 'Prometheus targets',
      url: links.prometheusTargets,
    },
    !compact &&
      links.prometheusAlerts && {
        title: 'Prometheus alerts',
        label: 'Prometheus alerts',
        url: links.prometheusAlerts,
      },
    links.argocd && { title: 'Argo CD', label: 'Argo CD', url: links.argocd },
    !compact &&
      links.awsSecurityGroup && {
        title: 'Security group',
        label: 'Security group',
        url: links.awsSecurityGroup,
      },
  ].filter(Boolean) as Array<{ title: string; label: string; url: string }>;
  if (items.length === 0) return null;
  return (
    <ul
      className={compact ? `${classes.list} ${classes.compact}` : classes.list}
      aria-label={`Links for ${cluster}`}
    >
      {items.map(item => (
        <li key={item.url}>
          <a
            className={classes.link}
            href={item.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`${item.title} for ${cluster}, opens in a new window`}
            data-testid={`link-${item.title
              .toLowerCase()
              .replace(/\s+/g, '-')}`}
          >
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
