import fs from 'node:fs';
import https from 'node:https';

/**
 * One `/federate` answer of a leaf as ops Prometheus gets it: HTTPS to the load balancer port,
 * verified against the lab CA with the leaf's host name, every series.
 */
export function leafFederate(options: {
  port: number;
  host: string;
  caFile: string;
  /** Keep-alive agent to reuse one connection, as a scraper does; default a new connection. */
  agent?: https.Agent;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: '127.0.0.1',
          port: options.port,
          servername: options.host,
          ca: fs.readFileSync(options.caFile),
          path: `/federate?match[]=${encodeURIComponent('{__name__=~".+"}')}`,
          agent: options.agent ?? false,
        },
        res => {
          let body = '';
          res.on('data', c => (body += c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(body)
              : reject(new Error(`HTTP ${res.statusCode}: ${body}`)),
          );
        },
      )
      .on('error', reject);
  });
}
