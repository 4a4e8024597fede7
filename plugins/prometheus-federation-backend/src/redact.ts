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
