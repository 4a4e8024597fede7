// The ways a PromQL expression names the federated clusters, found in its source text so an
// edit changes only the characters of one name or one per-cluster part:
//   a regex alternation   source_cluster=~"blue|green"   job=~"federate-blue|federate-green"
//   per-cluster parts     absent(x{source_cluster="blue"}) or absent(x{source_cluster="green"})
// Quotes may be escaped (`\"`) when the expression sits in a double-quoted YAML scalar.

/** A regex matcher listing names; `job` lists must all be `federate-<cluster>`. */
const NAME_LIST =
  /\b(source_cluster|job)(\s*=~\s*)(\\?["'])((?:federate-)?[a-z0-9][-a-z0-9]*(?:\|(?:federate-)?[a-z0-9][-a-z0-9]*)*)\3/g;

/** An equality matcher naming one cluster: `source_cluster="blue"` or `job="federate-blue"`. */
const NAME_EQUALS =
  /\b(?:source_cluster\s*=\s*(\\?["'])([a-z0-9][-a-z0-9]*)\1|job\s*=\s*(\\?["'])federate-([a-z0-9][-a-z0-9]*)\3)/g;

/** A text edit at offsets of the expression. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The edits for one expression, and why a part naming clusters could not be edited. */
export interface ListEdits {
  edits: TextEdit[];
  problems: string[];
  /** Whether the expression names clusters at all. */
  namesClusters: boolean;
}

interface Span {
  start: number;
  end: number;
}

interface Named extends Span {
  cluster: string;
  /** Where the name itself sits, to swap it. */
  nameStart: number;
  nameEnd: number;
}

/** Equality matchers of a text, with the cluster each names. */
function equalsMatchers(text: string, offset = 0): Named[] {
  return [...text.matchAll(NAME_EQUALS)].map(m => {
    const cluster = m[2] ?? m[4];
    const nameEnd = offset + m.index! + m[0].length - (m[1] ?? m[3]).length;
    return {
      start: offset + m.index!,
      end: offset + m.index! + m[0].length,
      cluster,
      nameStart: nameEnd - cluster.length,
      nameEnd,
    };
  });
}

/**
 * Chains of operands joined by `or` (with an optional `on(...)`/`ignoring(...)`), at every
 * parenthesis level; label matchers between braces are skipped.
 */
export function orChains(text: string): Span[][] {
  const chains: Span[][] = [];
  const frames: Array<{ start: number; cuts: Span[] }> = [
    { start: 0, cuts: [] },
  ];
  const close = (end: number) => {
    const frame = frames.pop()!;
    if (frame.cuts.length === 0) return;
    const bounds = [
      frame.start,
      ...frame.cuts.flatMap(c => [c.start, c.end]),
      end,
    ];
    const chain: Span[] = [];
    for (let i = 0; i < bounds.length; i += 2) {
      chain.push(trimSpan(text, bounds[i], bounds[i + 1]));
    }
    chains.push(chain);
  };
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    if (braces > 0 || c === '}') continue;
    if (c === '(' || c === '[') frames.push({ start: i + 1, cuts: [] });
    else if ((c === ')' || c === ']') && frames.length > 1) close(i);
    else if (c === 'o' && !/[A-Za-z0-9_:]/.test(text[i - 1] ?? '')) {
      const m = /^or(?:\s+(?:on|ignoring)\s*\([^)]*\))?(?![A-Za-z0-9_:])/.exec(
        text.slice(i),
      );
      if (m) {
        frames[frames.length - 1].cuts.push({ start: i, end: i + m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  while (frames.length > 0) close(text.length);
  return chains;
}

function trimSpan(text: string, from: number, to: number): Span {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** A per-cluster part: exactly one cluster named, by equality. Its pattern hides the name. */
function perCluster(text: string, span: Span) {
  const part = text.slice(span.start, span.end);
  if (new RegExp(NAME_LIST.source).test(part)) return undefined;
  const named = equalsMatchers(part, span.start);
  const clusters = new Set(named.map(n => n.cluster));
  if (clusters.size !== 1) return undefined;
  let pattern = '';
  let at = span.start;
  for (const n of named) {
    pattern += `${text.slice(at, n.nameStart)}\u0000`;
    at = n.nameEnd;
  }
  pattern += text.slice(at, span.end);
  return {
    ...span,
    cluster: named[0].cluster,
    named,
    pattern: pattern.replace(/\s+/g, ' '),
  };
}

/** Adds (or removes) `cluster` in every list of clusters an expression holds. */
export function editClusterLists(
  text: string,
  cluster: string,
  mode: 'add' | 'remove',
): ListEdits {
  const edits: TextEdit[] = [];
  const problems: string[] = [];
  let namesClusters = false;

  for (const m of text.matchAll(NAME_LIST)) {
    const [whole, label, op, quote, list] = m;
    const names = list.split('|');
    const prefixed = names.every(n => n.startsWith('federate-'));
    if (label === 'job' && !prefixed) continue; // not a list of federate jobs
    namesClusters = true;
    const name = prefixed ? `federate-${cluster}` : cluster;
    const at = m.index!;
    const rewrite = (kept: string[]) =>
      edits.push({
        start: at,
        end: at + whole.length,
        text: `${label}${op}${quote}${kept.join('|')}${quote}`,
      });
    if (mode === 'add' && !names.includes(name)) rewrite([...names, name]);
    if (mode === 'remove' && names.includes(name)) {
      if (names.length === 1) {
        problems.push(
          `\`${label}=~\` lists only ${cluster}; an empty list would match series without the label`,
        );
      } else rewrite(names.filter(n => n !== name));
    }
  }

  const covered: Span[] = [];
  for (const chain of orChains(text)) {
    const parts = chain
      .map(s => perCluster(text, s))
      .filter(p => p !== undefined);
    if (parts.length < 2) continue;
    covered.push(...parts);
    namesClusters = true;
    if (new Set(parts.map(p => p.pattern)).size > 1) {
      problems.push(
        `its per-cluster parts joined by \`or\` differ (${parts
          .map(p => p.cluster)
          .join(', ')}), so there is no pattern to follow`,
      );
      continue;
    }
    const mine = parts.find(p => p.cluster === cluster);
    if (mode === 'add' && !mine) {
      const last = parts[parts.length - 1];
      const i = chain.findIndex(s => s.start === last.start);
      // The separator before the last part, or after it when it comes first.
      const sep =
        i > 0
          ? text.slice(chain[i - 1].end, last.start)
          : text.slice(last.end, chain[1].start);
      let copy = '';
      let at = last.start;
      for (const n of last.named) {
        copy += text.slice(at, n.nameStart) + cluster;
        at = n.nameEnd;
      }
      copy += text.slice(at, last.end);
      edits.push({ start: last.end, end: last.end, text: sep + copy });
    }
    if (mode === 'remove' && mine) {
      const i = chain.findIndex(s => s.start === mine.start);
      // Take the separator before the part (after it for the first part) along.
      if (i > 0)
        edits.push({ start: chain[i - 1].end, end: mine.end, text: '' });
      else edits.push({ start: mine.start, end: chain[1].start, text: '' });
    }
  }

  // Equality matchers outside a list: a rule about one cluster, or a form not recognised.
  const inList = (n: Named) =>
    covered.some(s => n.start >= s.start && n.end <= s.end);
  const loose = equalsMatchers(text).filter(n => !inList(n));
  if (loose.length > 0) namesClusters = true;
  const relevant =
    mode === 'add' ? loose : loose.filter(n => n.cluster === cluster);
  if (relevant.length > 0) {
    const shown = [...new Set(relevant.map(n => text.slice(n.start, n.end)))];
    problems.push(
      `it names ${shown
        .map(s => `\`${s.replace(/\\"/g, '"')}\``)
        .join(
          ', ',
        )} outside a list of clusters (a regex alternation or per-cluster parts joined by \`or\`)`,
    );
  }
  return { edits, problems, namesClusters };
}

/** Applies non-overlapping edits, last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let result = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, e.start) + e.text + result.slice(e.end);
  }
  return result;
}

/** One list of clusters in an expression: where it is and the clusters it names, in order. */
export interface ClusterList {
  start: number;
  end: number;
  clusters: string[];
}

/**
 * The lists of clusters an expression holds, in the forms editClusterLists edits: regex
 * alternations, and per-cluster parts joined by `or` that follow one pattern. The inventory
 * reads alert rules with this.
 */
export function listedClusters(text: string): ClusterList[] {
  const lists: ClusterList[] = [];
  for (const m of text.matchAll(NAME_LIST)) {
    const names = m[4].split('|');
    const prefixed = names.every(n => n.startsWith('federate-'));
    if (m[1] === 'job' && !prefixed) continue;
    lists.push({
      start: m.index!,
      end: m.index! + m[0].length,
      clusters: names.map(n => (prefixed ? n.slice('federate-'.length) : n)),
    });
  }
  for (const chain of orChains(text)) {
    const parts = chain
      .map(s => perCluster(text, s))
      .filter(p => p !== undefined);
    if (parts.length < 2 || new Set(parts.map(p => p.pattern)).size > 1)
      continue;
    lists.push({
      start: parts[0].start,
      end: parts[parts.length - 1].end,
      clusters: parts.map(p => p.cluster),
    });
  }
  return lists;
}
