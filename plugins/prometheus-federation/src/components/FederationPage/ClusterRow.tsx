import {
  ClusterSummary,
  DIAGNOSIS_CAUSE_TEXT,
  SCRAPE_ERROR_CAUSE_TEXT,
} from '@promfed/plugin-prometheus-federation-common';
import { Fragment, memo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  certificateText,
  formatAge,
  formatNumber,
  formatSeconds,
} from '../../format';
import {
  opsPrometheusUnread,
  probeText,
  rowHeadlineText,
} from '../../headline';
import { ClusterLinks } from '../ClusterView/ClusterLinks';
import { CheckResultLabel, ClusterStateLabel } from '../StatusLabel';
import { Icon } from '../StatusLabel/icons';
import { TableClasses } from './tableStyles';

export type ClusterRowProps = {
  cluster: ClusterSummary;
  expanded: boolean;
  onToggle: (name: string) => void;
  /** Resolves a cluster name to the cluster view's path. */
  clusterHref: (name: string) => string;
  classes: TableClasses;
  /** How many cells a row has, so the details row can span them all. */
  columnCount: number;
  /** Whether the widest screens' columns (duration, samples, security group, links) are shown. */
  wide: boolean;
};

function durationText(c: ClusterSummary) {
  const t = c.target;
  if (t?.scrapeDurationSeconds === undefined) return '—';
  return `${formatSeconds(t.scrapeDurationSeconds)} / ${formatSeconds(
    t.scrapeTimeoutSeconds,
  )}`;
}

/** The target's health, with the ops Prometheus' own cause when it is down: the authority. */
function targetText(c: ClusterSummary) {
  if (opsPrometheusUnread(c)) return 'unknown';
  if (!c.target) return c.federated === false ? 'no federate job' : 'no target';
  const cause = c.target.cause ?? (c.target.lastError ? 'other' : undefined);
  return cause
    ? `${c.target.health} (${SCRAPE_ERROR_CAUSE_TEXT[cause]})`
    : c.target.health;
}

/** Long alert names break between words (PrometheusFederationDown) rather than widen the table. */
function breakable(name: string) {
  return name.split(/(?=[A-Z])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/**
 * One cluster, and its details row when expanded. Memoised: a poll that leaves the cluster
 * unchanged passes the same object (see keepUnchanged), so the row does not render again.
 */
export const ClusterRow = memo(function ClusterRowView(props: ClusterRowProps) {
  const {
    cluster: c,
    expanded,
    onToggle,
    clusterHref,
    classes,
    columnCount,
    wide,
  } = props;
  const firing = c.firingAlerts.filter(a => a.state === 'firing');
  const detailsId = `cluster-details-${c.name}`;
  return (
    <>
      <tr data-testid={`cluster-row-${c.name}`}>
        <td>
          <button
            type="button"
            className={classes.toggle}
            aria-label={`${expanded ? 'Hide' : 'Show'} details for ${c.name}`}
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            onClick={() => onToggle(c.name)}
            data-testid={`expand-${c.name}`}
          >
            <Icon name={expanded ? 'arrowDown' : 'arrowRight'} />
          </button>
        </td>
        <th scope="row">
          <RouterLink
            to={clusterHref(c.name)}
            className={classes.link}
            data-testid={`cluster-link-${c.name}`}
          >
            {c.name}
          </RouterLink>
        </th>
        <td className={classes.nowrap}>
          <ClusterStateLabel state={c.state} />
        </td>
        <td className={classes.headline}>
          <div>{rowHeadlineText(c)}</div>
          {c.headline?.probe && (
            <div className={classes.secondary}>
              {probeText(c.headline.probe)}
            </div>
          )}
        </td>
        <td className={classes.low}>{targetText(c)}</td>
        <td className={`${classes.low} ${classes.nowrap}`}>
          {c.target?.lastScrapeAgeSeconds !== undefined
            ? `${formatAge(c.target.lastScrapeAgeSeconds)} ago`
            : '—'}
        </td>
        {wide && <td className={classes.nowrap}>{durationText(c)}</td>}
        {wide && (
          <td className={classes.right}>
            {formatNumber(c.target?.samplesScraped)}
          </td>
        )}
        <td className={`${classes.low} ${classes.right}`}>
          {formatNumber(c.metrics?.httpSeries)}
        </td>
        <td className={`${classes.lowest} ${classes.nowrap}`}>
          {certificateText(c.certificateExpiresInDays)}
        </td>
        {wide && (
          <td>
            <CheckResultLabel result={c.securityGroupRule} />
          </td>
        )}
        <td className={classes.low}>
          {firing.length === 0
            ? 'none'
            : firing.map((a, i) => (
                <span key={a.name}>
                  {i > 0 && ', '}
                  {breakable(a.name)}
                </span>
              ))}
        </td>
        {wide && (
          <td>
            <ClusterLinks cluster={c.name} links={c.links} compact />
          </td>
        )}
      </tr>
      {expanded && (
        <tr
          id={detailsId}
          data-testid={`cluster-details-${c.name}`}
          className={classes.details}
        >
          <td colSpan={columnCount}>
            {/* Every fact of the row, also those whose columns give way on narrower screens. */}
            <p>
              Target {targetText(c)} · last scrape{' '}
              {formatAge(c.target?.lastScrapeAgeSeconds)} ago · duration /
              timeout {durationText(c)} · samples{' '}
              {formatNumber(c.target?.samplesScraped)} · http series{' '}
              {formatNumber(c.metrics?.httpSeries)} · certificate{' '}
              {certificateText(c.certificateExpiresInDays)} · security group
              rule <CheckResultLabel result={c.securityGroupRule} />
            </p>
            {c.target?.lastError && (
              <p className={classes.mono}>lastError: {c.target.lastError}</p>
            )}
            {c.headline?.cause && (
              <p>Cause: {DIAGNOSIS_CAUSE_TEXT[c.headline.cause]}</p>
            )}
            {firing.map(a => (
              <p key={a.name}>
                {a.name}: {a.summary ?? a.state}
              </p>
            ))}
            <ClusterLinks cluster={c.name} links={c.links} />
            <p>
              <RouterLink to={clusterHref(c.name)} className={classes.link}>
                Open the triage chain for {c.name}
              </RouterLink>
            </p>
          </td>
        </tr>
      )}
    </>
  );
});
