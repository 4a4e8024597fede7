import http from 'node:http';
import net from 'node:net';

/** The probe reads at most the start of the federate answer: enough to tell its format. */
const MAX_BODY = 64 * 1024;

/** GET the plan's path and query on an already connected socket; reads at most the start of the body. */
export function getOverSocket(socket: net.Socket, url: URL) {
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: string;
  }>((resolve, reject) => {
    const request = http.request(
      {
        method: 'GET',
        path: `${url.pathname}${url.search}`,
        headers: { Accept: 'text/plain', Host: url.host },
        // No agent: the request goes over the connection already opened.
        createConnection: () => socket,
      },
      response => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_BODY) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('close', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
