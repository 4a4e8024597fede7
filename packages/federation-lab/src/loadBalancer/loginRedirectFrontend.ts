import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import type { Frontend } from './tcpLoadBalancer';

/** What an auth proxy's sign-in page looks like to a scraper: HTML, 200. */
const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Sign in</title></head>
<body><form method="post" action="/login"><label>User <input name="user"></label>
<button>Sign in</button></form></body></html>
`;

/**
 * The `login-redirect` fault: an auth proxy in front of the leaf (oauth2-proxy and its kin)
 * sends every request without a session to its sign-in page. `/federate` answers 302 with a
 * relative Location; Prometheus follows it and gets HTML. TLS ends here with the leaf's
 * certificate files, read per handshake like Prometheus does.
 */
export function loginRedirectFrontend(options: {
  certFile: string;
  keyFile: string;
}): Frontend {
  const read = () => ({
    cert: fs.readFileSync(options.certFile),
    key: fs.readFileSync(options.keyFile),
  });
  const server = https.createServer(
    {
      ...read(),
      SNICallback: (_name, cb) => cb(null, tls.createSecureContext(read())),
    },
    (req, res) => {
      if ((req.url ?? '').startsWith('/login')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(LOGIN_PAGE);
        return;
      }
      res.writeHead(302, {
        location: `/login?rd=${encodeURIComponent(req.url ?? '/')}`,
        'content-type': 'text/html; charset=utf-8',
      });
      res.end('<a href="/login">Found</a>.\n');
    },
  );
  return socket => server.emit('connection', socket);
}
