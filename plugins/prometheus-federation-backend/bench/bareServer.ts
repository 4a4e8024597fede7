/**
 * The footprint benchmark's yardstick: a bare Node HTTP server that serves the list's bytes
 * with the same credential check as the bench backend (its static token), and nothing else.
 * Its own event-loop delay over the same window is the machine's share of the backend's.
 *
 * The same check: the bench token is a static external-access token, which Backstage verifies
 * by comparing strings (its static token handler), no signature. Before that, Backstage tries
 * the token as a user and as a plugin token (two JWT decodes that fail): that, and the rest of
 * its per-request stack, is what bench/benchFloorPlugin.ts measures, not this check.
 *
 *   argv: <port> <gzip body file> <token>
 */
import fs from 'node:fs';
import http from 'node:http';
import { LIST_BODY_HEADERS } from './listBodyHeaders';
import { answerProbeQueries } from './loopProbe';

const [port, bodyFile, token] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const expected = `Bearer ${token}`;
answerProbeQueries();

http
  .createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, LIST_BODY_HEADERS).end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.({ listening: true }));
