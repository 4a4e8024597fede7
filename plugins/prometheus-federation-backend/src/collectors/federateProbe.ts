import { LookupFunction } from 'node:net';
import fs from 'node:fs';
import tls from 'node:tls';
import { httpGet } from './httpClient';
import { RequestCounter } from './requestCounter';
import { ProbeFacts } from './types';

/** What the design document's debug pod runs: GET https://<host>/federate?match[]=up, from the backend. */
export class FederateProbe {
  private readonly ca: string[];

  constructor(caFile: string | undefined, private readonly counter?: RequestCounter) {
    this.ca = [...tls.rootCertificates, ...(caFile ? [fs.readFileSync(caFile, 'utf8')] : [])];
  }

  async probe(host: string, port: number, lookup: LookupFunction | undefined, signal: AbortSignal): Promise<ProbeFacts> {
    this.counter?.add('probe');
    const started = Date.now();
    const url = `https://${host}${port === 443 ? '' : `:${port}`}/federate?match[]=up`;
    try {
      const response = await httpGet(url, { ca: this.ca, lookup, signal, maxBytes: 64 * 1024 });
      const contentType = String(response.headers['content-type'] ?? '');
      return {
        status: response.status,
        contentType,
        textFormat: contentType.startsWith('text/plain') && /^(# TYPE |up\{|\s*$)/m.test(response.body),
        durationMs: Date.now() - started,
      };
    } catch (error) {
      if (signal.aborted) throw error;
      const e = error as NodeJS.ErrnoException;
      return {
        textFormat: false,
        durationMs: Date.now() - started,
        error: e.message,
        errorCode: e.code,
      };
    }
  }
}
