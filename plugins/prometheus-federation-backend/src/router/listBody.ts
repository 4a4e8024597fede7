import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { jsonBytesInSlices } from '../store/slicedJson';

const gzipAsync = promisify(gzip);

/** How long an encoded list answers polls before the snapshot is read again (per replica). */
export const LIST_REUSE_MS = 1000;

/** Header with the snapshot's age in seconds: kept out of the body so that the body (and its ETag) changes only with the snapshot. */
export const AGE_HEADER = 'x-snapshot-age-seconds';

/** The list route's answer, serialised and gzipped once per snapshot. */
export interface ListBody {
  generatedAt: string;
  /** Strong: the snapshot's time and a hash of the body (which has no age). */
  etag: string;
  raw: Buffer;
  gzip: Buffer;
}

/**
 * The wire form of the list: the overview without its age (sent as AGE_HEADER). Serialised in
 * slices and gzipped on libuv's threads: at 1000 clusters it is 1.9 MB, which would otherwise
 * hold the event loop of every plugin while it is encoded.
 */
export async function encodeList(
  overview: FederationOverview,
): Promise<ListBody> {
  const { ageSeconds: _age, ...rest } = overview;
  const raw = await jsonBytesInSlices(rest);
  const hash = createHash('sha256').update(raw).digest('base64url');
  return {
    generatedAt: overview.generatedAt,
    etag: `"${overview.generatedAt}:${hash.slice(0, 22)}"`,
    raw,
    gzip: await gzipAsync(raw),
  };
}

/**
 * The body as an overview with its age (the refresh route's answer): the list's bytes with the
 * age spliced in, so that a refresh does not serialise the megabytes again on the event loop.
 */
export function withAge(body: ListBody, ageSeconds: number): Buffer {
  return Buffer.concat([
    Buffer.from(`{"ageSeconds":${ageSeconds},`),
    body.raw.subarray(1),
  ]);
}

/** Whether an If-None-Match header names this (strong) ETag; weak comparison, as RFC 9110 asks for GET. */
export function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .some(tag => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The encoded list, checked with the service at most once per LIST_REUSE_MS (concurrent polls
 * share one check), and encoded again only when the snapshot or its warnings changed. With
 * `version` (the list's generatedAt, a few bytes), the whole list is read again only when the
 * version differs from the one the body was built from: at 1000 clusters it is 1.8 MB.
 */
export class ListBodyCache {
  private current?: {
    body: ListBody;
    key: string;
    readAt: number;
    version?: string;
  };
  private loading?: Promise<ListBody>;

  constructor(
    private readonly load: () => Promise<FederationOverview>,
    private readonly now: () => number = Date.now,
    private readonly version?: () => Promise<string | undefined>,
  ) {}

  /** With `atLeast` (a refresh's snapshot time): a body of that snapshot or a newer one. */
  async get(atLeast?: string): Promise<ListBody> {
    const older = (body: ListBody) => !!atLeast && body.generatedAt < atLeast;
    const current = this.current;
    if (
      current &&
      this.now() - current.readAt < LIST_REUSE_MS &&
      !older(current.body)
    )
      return current.body;
    const body = await this.shared();
    // A check that began before the asked-for snapshot landed found the one before it.
    return older(body) ? this.shared() : body;
  }

  private shared(): Promise<ListBody> {
    this.loading ??= this.check().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async check(): Promise<ListBody> {
    // A failed version read is no reason to fail the answer: read the whole list instead.
    const version = await this.version?.().catch(() => undefined);
    const current = this.current;
    if (current && version !== undefined && version === current.version) {
      current.readAt = this.now();
      return current.body;
    }
    return this.read(version);
  }

  private async read(version: string | undefined): Promise<ListBody> {
    const overview = await this.load();
    const readAt = this.now();
    // While the first collection runs, its due time changes the answer too.
    const key = `${overview.generatedAt}\n${JSON.stringify(
      overview.warnings,
    )}\n${JSON.stringify(overview.collecting ?? null)}`;
    const body =
      this.current?.key === key
        ? this.current.body
        : await encodeList(overview);
    // Trusted next time only if the list read is the one the version named (a newer list may
    // have landed in between, or the answer may carry a warning the version does not see).
    const matched = version === overview.generatedAt ? version : undefined;
    this.current = { body, key, readAt, version: matched };
    return body;
  }
}
