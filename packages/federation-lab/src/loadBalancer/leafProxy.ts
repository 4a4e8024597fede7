import http from 'node:http';
import https from 'node:https';

/**
 * Forwards one request to the leaf Prometheus over HTTPS, as an Ingress controller does, and
 * answers with what it returns, passed through `rewrite` when given. The hop to the leaf is not
 * under test, so its certificate is not checked.
 */
export function proxyToLeaf(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  leafPort: number,
  rewrite?: (body: string) => string,
): void {
  const headers = { ...req.headers };
  // A rewrite needs the plain text body.
  if (rewrite) headers['accept-encoding'] = 'identity';
  const upstream = https.request(
    {
      host: '127.0.0.1',
      port: leafPort,
      method: req.method,
      path: req.url,
      headers,
      rejectUnauthorized: false,
    },
    leafRes => {
      if (!rewrite) {
        res.writeHead(leafRes.statusCode ?? 502, leafRes.headers);
        leafRes.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      leafRes.on('data', c => chunks.push(c));
      leafRes.on('end', () => {
        const body = Buffer.from(rewrite(Buffer.concat(chunks).toString()));
        const { 'transfer-encoding': _t, ...rest } = leafRes.headers;
        res.writeHead(leafRes.statusCode ?? 502, {
          ...rest,
          'content-length': body.length,
        });
        res.end(body);
      });
    },
  );
  upstream.on('error', e => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`leaf unreachable: ${e.message}\n`);
  });
  req.pipe(upstream);
}
