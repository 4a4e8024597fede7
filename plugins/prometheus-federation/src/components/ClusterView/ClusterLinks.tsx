import { Link } from '@backstage/core-components';
import { ClusterLinks as Links } from '@internal/plugin-prometheus-federation-common';
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
}));

/** Grafana dashboards filtered to the cluster, the ops targets page, Argo CD and AWS. */
export function ClusterLinks(props: { cluster: string; links: Links }) {
  const classes = useStyles();
  const { links, cluster } = props;
  const items = [
    ...links.dashboards.map(d => ({ title: d.title, url: d.url })),
    links.prometheusTargets && { title: 'Prometheus targets', url: links.prometheusTargets },
    links.prometheusAlerts && { title: 'Prometheus alerts', url: links.prometheusAlerts },
    links.argocd && { title: 'Argo CD', url: links.argocd },
    links.awsSecurityGroup && { title: 'Security group', url: links.awsSecurityGroup },
  ].filter(Boolean) as Array<{ title: string; url: string }>;
  if (items.length === 0) return null;
  return (
    <ul className={classes.list} aria-label={`Links for ${cluster}`}>
      {items.map(item => (
        <li key={item.url}>
          <Link to={item.url} aria-label={`${item.title} for ${cluster}`}>
            {item.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
