import { Pacer } from '../cost/pacer';

/**
 * The JSON bytes of an object whose arrays hold many entries (a snapshot's clusters), in slices:
 * each array entry is stringified on its own and the event loop is given back between entries
 * once a slice has run SLICE_MS. Same text as JSON.stringify for plain data, as UTF-8.
 *
 * Bytes, not one string: every caller gzips or sends them, and each entry's text becomes bytes
 * outside the heap at once. A megabytes-long string (4.6 MB for 1000 clusters, several per
 * refresh) lives in the serving thread's heap until a major collection; ten encodings of the
 * 1000-cluster snapshot left a heap committed at 101–110 MB as strings, 60 MB as bytes.
 */
export async function jsonBytesInSlices(
  value: object,
  pacer = new Pacer(Infinity),
): Promise<Buffer> {
  const parts = [Buffer.from('{')];
  let fields = 0;
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === 'function') continue;
    const name = `${fields++ ? ',' : ''}${JSON.stringify(key)}:`;
    if (!Array.isArray(field)) {
      parts.push(Buffer.from(`${name}${JSON.stringify(field)}`));
      continue;
    }
    parts.push(Buffer.from(`${name}[`));
    for (let i = 0; i < field.length; i++) {
      const text = JSON.stringify(field[i]) ?? 'null';
      parts.push(Buffer.from(i ? `,${text}` : text));
      if (pacer.due()) await pacer.pause();
    }
    parts.push(Buffer.from(']'));
  }
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}
