import { FederationOptions } from './config/options';

/** Every secret in the options, so that error texts can be scrubbed before they are stored or logged. */
export function secretsOf(options: FederationOptions): string[] {
  const secrets = [
    options.opsPrometheus.bearerToken,
    options.opsPrometheus.basicAuth?.password,
    options.grafana?.token,
    ...options.clusters.map(c => c.kubernetes?.token),
    ...Object.values(options.discovery?.serviceAccountTokens ?? {}),
    process.env.AWS_SECRET_ACCESS_KEY,
    process.env.AWS_SESSION_TOKEN,
  ];
  return secrets.filter((s): s is string => !!s && s.length >= 4);
}

/** Removes every configured secret from a text that may end up in a response or a log. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

/**
 * A scrape URL as the backend shows it: every query value except `match[]` (the selectors, which
 * readers need) replaced by `***`, since jobs carry tokens and keys in `params`, and any user
 * info hidden. The rest stays as Prometheus wrote it (its `:443`, say).
 */
export function redactScrapeUrl(url: string): string {
  const [base, ...rest] = url.split('?');
  const shownBase = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
  if (rest.length === 0) return shownBase;
  const shown = new URLSearchParams(rest.join('?'));
  const query = [...shown]
    .map(([key, value]) =>
      key === 'match[]'
        ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
        : `${encodeURIComponent(key)}=***`,
    )
    .join('&');
  return `${shownBase}?${query}`;
}
