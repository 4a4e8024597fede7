import { Pacer } from '../cost/pacer';

/**
 * JSON.stringify of an object whose arrays hold many entries (a snapshot's clusters), in slices:
 * each array entry is stringified on its own and the event loop is given back between entries
 * once a slice has run SLICE_MS. Same text as JSON.stringify for plain data.
 */
export async function stringifyInSlices(
  value: object,
  pacer = new Pacer(Infinity),
): Promise<string> {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === 'function') continue;
    const name = JSON.stringify(key);
    if (!Array.isArray(field)) {
      parts.push(`${name}:${JSON.stringify(field)}`);
      continue;
    }
    const entries: string[] = [];
    for (const entry of field) {
      entries.push(JSON.stringify(entry) ?? 'null');
      if (pacer.due()) await pacer.pause();
    }
    parts.push(`${name}:[${entries.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}
