import { Check, Evidence } from '@promfed/plugin-prometheus-federation-common';
import { check, DAY, notConfigured } from './check';
import { REUSED_BECAUSE } from './connectivityCheck';
import { TriageContext } from './context';
import { tlsCodeInWords } from './scrapeErrorWords';

/** Certificates that expire within this many days are a warning. */
export const EXPIRY_WARNING_DAYS = 14;

interface Finding {
  level: 'fail' | 'warn';
  text: string;
}

/** Days until the earliest of the cert-manager notAfter and the served certificate's expiry. */
export function certificateExpiresInDays(
  ctx: TriageContext,
): number | undefined {
  const dates: string[] = [];
  const cert = ctx.facts.kubernetes?.certificate;
  if (cert?.ok && cert.value.notAfter) dates.push(cert.value.notAfter);
  const served = ctx.facts.tls;
  if (served?.ok && served.value.certificate)
    dates.push(served.value.certificate.validTo);
  if (!dates.length) return undefined;
  const earliest = Math.min(...dates.map(d => Date.parse(d) / 1000));
  return Math.floor((earliest - ctx.now) / DAY);
}

/** 3. cert-manager Certificate Ready, not expired, renewal not failing; the served certificate valid for the host. */
export function certificateCheck(ctx: TriageContext): Check {
  const { cluster, now } = ctx;
  if (!cluster)
    return notConfigured(
      'certificate',
      'prometheus.host and kubernetes access',
    );
  const findings: Finding[] = [];
  const evidence: Evidence[] = [];
  const unknown: string[] = [];
  let timedOut = false;
  let evaluated = false;

  const source = ctx.facts.kubernetes?.certificate;
  const ref = `${cluster.certificate.namespace}/${cluster.certificate.name}`;
  if (source && !source.ok) {
    unknown.push(source.reason);
    timedOut ||= !!source.timedOut;
  } else if (source?.ok) {
    evaluated = true;
    const cert = source.value;
    if (!cert.found) {
      findings.push({
        level: 'fail',
        text: `Certificate ${ref} does not exist`,
      });
    } else {
      const ready = cert.conditions.find(c => c.type === 'Ready');
      const issuing = cert.conditions.find(c => c.type === 'Issuing');
      evidence.push({ label: 'Certificate', value: ref });
      evidence.push({
        label: 'Ready',
        value: ready
          ? `${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${
              ready.message ? `: ${ready.message}` : ''
            }`
          : 'no condition',
      });
      if (issuing)
        evidence.push({
          label: 'Issuing',
          value: `${issuing.status}${
            issuing.reason ? ` (${issuing.reason})` : ''
          }${issuing.message ? `: ${issuing.message}` : ''}`,
        });
      if (cert.notAfter)
        evidence.push({ label: 'notAfter', value: cert.notAfter });
      if (cert.renewalTime)
        evidence.push({ label: 'renewalTime', value: cert.renewalTime });
      if (cert.failedIssuanceAttempts)
        evidence.push({
          label: 'Failed issuance attempts',
          value: String(cert.failedIssuanceAttempts),
        });

      const notAfter = cert.notAfter
        ? Date.parse(cert.notAfter) / 1000
        : undefined;
      if (ready?.status !== 'True') {
        findings.push({
          level: 'fail',
          text: `Certificate ${ref} is not Ready${
            ready?.reason ? ` (${ready.reason})` : ''
          }${ready?.message ? `: ${ready.message}` : ''}`,
        });
      }
      if (notAfter !== undefined && notAfter < now) {
        findings.push({
          level: 'fail',
          text: `Certificate ${ref} expired on ${cert.notAfter}`,
        });
      } else if (
        notAfter !== undefined &&
        notAfter - now < EXPIRY_WARNING_DAYS * DAY
      ) {
        findings.push({
          level: 'warn',
          text: `Certificate ${ref} expires in ${Math.floor(
            (notAfter - now) / DAY,
          )} days`,
        });
      }
      const renewalFailing =
        (issuing?.status === 'False' && issuing.reason === 'Failed') ||
        (cert.failedIssuanceAttempts ?? 0) > 0;
      const renewalOverdue =
        cert.renewalTime !== undefined &&
        Date.parse(cert.renewalTime) / 1000 < now &&
        issuing?.status !== 'True';
      if (renewalFailing) {
        findings.push({
          level: 'warn',
          text: `Renewal of ${ref} is failing${
            issuing?.message ? `: ${issuing.message}` : ''
          }`,
        });
      } else if (renewalOverdue) {
        findings.push({
          level: 'warn',
          text: `Renewal of ${ref} was due on ${cert.renewalTime}`,
        });
      }
    }
  }

  const tls = ctx.facts.tls;
  if (tls?.ok && tls.value.skipped) {
    evidence.push({ label: 'Served certificate', value: tls.value.skipped });
    // A plain-HTTP job uses no certificate: only cert-manager's, if any, is left to judge.
    if (!evaluated && !unknown.length)
      return check(
        'certificate',
        'not-configured',
        `No certificate to check: ${tls.value.skipped}.`,
        evidence,
      );
  } else if (tls && !tls.ok) {
    unknown.push(tls.reason);
    timedOut ||= !!tls.timedOut;
  } else if (tls?.ok && tls.value.error) {
    evidence.push({ label: 'TLS handshake', value: tls.value.error });
  } else if (tls?.ok && tls.value.certificate) {
    evaluated = true;
    const served = tls.value.certificate;
    evidence.push(
      {
        label: 'Served certificate',
        value: `${served.subject} issued by ${served.issuer}`,
      },
      { label: 'Served names', value: served.dnsNames.join(', ') || '(none)' },
      {
        label: 'Served validity',
        value: `${served.validFrom} to ${served.validTo}`,
      },
      { label: 'Chain', value: served.chain.join(' <- ') },
      {
        label: 'Trusted',
        value: served.authorized ? 'yes' : `no (${served.authorizationError})`,
      },
    );
    // A resumed TLS session or a reused probe shows no certificate: say which handshake did.
    const reusedFrom = ctx.facts.probeReusedFrom;
    if (tls.value.shownAt || reusedFrom)
      evidence.push({
        label: 'Served certificate read',
        value: `at the full handshake of ${tls.value.shownAt ?? reusedFrom}; ${
          reusedFrom
            ? `this refresh reused the probe of ${reusedFrom} (${REUSED_BECAUSE})`
            : 'this check resumed that TLS session'
        }`,
      });
    const validTo = Date.parse(served.validTo) / 1000;
    const expired = validTo < now;
    if (expired)
      findings.push({
        level: 'fail',
        text: `${cluster.host} serves a certificate that expired on ${served.validTo}`,
      });
    else if (validTo - now < EXPIRY_WARNING_DAYS * DAY) {
      findings.push({
        level: 'warn',
        text: `${
          cluster.host
        } serves a certificate that expires in ${Math.floor(
          (validTo - now) / DAY,
        )} days`,
      });
    }
    if (!served.hostnameMatches)
      findings.push({
        level: 'fail',
        text: `The served certificate does not name ${cluster.host}`,
      });
    if (
      !served.authorized &&
      !(expired && served.authorizationError === 'CERT_HAS_EXPIRED') &&
      // A wrong name is already said above, in words.
      served.authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID'
    ) {
      findings.push({
        level: 'fail',
        text: `The served certificate is not trusted (${tlsCodeInWords(
          served.authorizationError,
        )})`,
      });
    }
  }

  const fails = findings.filter(f => f.level === 'fail');
  const warns = findings.filter(f => f.level === 'warn');
  if (fails.length)
    return check(
      'certificate',
      'fail',
      `${fails.map(f => f.text).join('; ')}.`,
      evidence,
    );
  if (warns.length)
    return check(
      'certificate',
      'warn',
      `${warns.map(f => f.text).join('; ')}.`,
      evidence,
    );
  if (!evaluated) {
    const reason =
      unknown.join('; ') ||
      'no certificate could be read (handshake failed and no Kubernetes access)';
    return check(
      'certificate',
      'unknown',
      `Could not be checked: ${reason}`,
      evidence,
      {
        reason: timedOut
          ? `timeout: ${reason.replace(/^timeout: /, '')}`
          : reason,
      },
    );
  }
  return check(
    'certificate',
    'pass',
    `The certificate for ${cluster.host} is issued, trusted and valid.`,
    evidence,
  );
}
