import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { jsonBytesInSlices } from './slicedJson';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * How a snapshot is kept in the shared cache and the database copy: its JSON, written in slices,
 * gzipped on libuv's threads, as base64 text. The cache client's own serialiser (a recursive
 * JavaScript walk, and a reviver on every read) then handles one short string instead of
 * megabytes of objects on the event loop; the cache holds about a twentieth of the bytes.
 */
export async function encodeSnapshotValue(value: object): Promise<string> {
  const json = await jsonBytesInSlices(value);
  return (await gzipAsync(json)).toString('base64');
}

/** The value back; a value stored as plain JSON (tests, an older replica) is taken as it is. */
export async function decodeSnapshotValue<T>(
  stored: unknown,
): Promise<T | undefined> {
  if (typeof stored !== 'string') return stored as T | undefined;
  const json = await gunzipAsync(Buffer.from(stored, 'base64'));
  return JSON.parse(json.toString('utf8')) as T;
}
