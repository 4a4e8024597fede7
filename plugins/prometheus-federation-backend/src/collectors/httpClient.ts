import http from 'node:http';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import { boundedLookup } from './boundedLookup';

/** Every connect resolves with a timeout unless the caller brings its own resolver. */
const systemLookup = boundedLookup();

/** An answer beyond the byte cap: the source fails with this, instead of filling the memory. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${sizeText(limitBytes)}`);
    this.name = 'ResponseTooLargeError';
  }
}

function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb)} MB` : `${bytes} bytes`;
}

export interface HttpRequestOptions {
  headers?: Record<string, string>;
  ca?: string[];
  /** Server name for TLS and the Host header, when connecting to another address. */
  servername?: string;
  lookup?: LookupFunction;
  signal?: AbortSignal;
  /** Stop reading after this many bytes (the probe needs only the start of the body). */
  maxBytes?: number;
  /** Fail with ResponseTooLargeError beyond this many bytes (a whole answer is needed). */
  limitBytes?: number;
  /** A keep-alive agent to reuse connections across requests; a fresh connection when absent. */
  agent?: http.Agent;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain GET with Node's http(s), so that a CA, a resolver and an abort signal can be given. */
export function httpGet(
  url: string,
  options: HttpRequestOptions = {},
): Promise<HttpResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'GET',
        headers: {
          Accept: 'application/json, text/plain;q=0.9',
          ...options.headers,
        },
        ...(target.protocol === 'https:'
          ? {
              ca: options.ca,
              servername: options.servername ?? target.hostname,
            }
          : {}),
        agent: options.agent ?? false,
        lookup: options.lookup ?? systemLookup,
        signal: options.signal,
      },
      response => {
        const chunks: Buffer[] = [];
        let size = 0;
        let tooLarge = false;
        const refuse = () => {
          tooLarge = true;
          reject(new ResponseTooLargeError(options.limitBytes!));
          request.destroy();
        };
        const declared = Number(response.headers['content-length']);
        if (options.limitBytes && declared > options.limitBytes) {
          refuse();
          return;
        }
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (options.limitBytes && size > options.limitBytes) {
            refuse();
            return;
          }
          chunks.push(chunk);
          if (options.maxBytes && size >= options.maxBytes) response.destroy();
        });
        const done = () =>
          !tooLarge &&
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
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
