/**
 * A unified diff (`diff -u` format, 3 lines of context) of one file, for dry runs. Lines are
 * matched by a longest common subsequence after the common head and tail are cut off: the
 * action's edits are small, so the middle part stays small.
 */
export function unifiedDiff(
  file: string,
  before: string | undefined,
  after: string | undefined,
): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops: Array<[' ' | '-' | '+', string]> = [
    ...a.slice(0, head).map(l => [' ', l] as [' ', string]),
    ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map(l => [' ', l] as [' ', string]),
  ];
  const out = [
    `--- ${before === undefined ? '/dev/null' : `a/${file}`}`,
    `+++ ${after === undefined ? '/dev/null' : `b/${file}`}`,
  ];
  // Hunks: changed lines with up to 3 lines of context, close changes merged.
  let i = 0;
  while (i < ops.length) {
    if (ops[i][0] === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - 3);
    let end = i;
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && ops[next][0] === ' ') next++;
      if (next === ops.length || next - end > 6) break;
      while (next < ops.length && ops[next][0] !== ' ') next++;
      end = next;
    }
    end = Math.min(ops.length, end + 3);
    const count = (skip: '-' | '+', upTo: number) =>
      ops.slice(0, upTo).filter(o => o[0] !== skip).length;
    const aLines =
      end - start - ops.slice(start, end).filter(o => o[0] === '+').length;
    const bLines =
      end - start - ops.slice(start, end).filter(o => o[0] === '-').length;
    out.push(
      `@@ -${count('+', start) + (aLines ? 1 : 0)},${aLines} +${
        count('-', start) + (bLines ? 1 : 0)
      },${bLines} @@`,
      ...ops.slice(start, end).map(([op, line]) => `${op}${line}`),
    );
    i = end;
  }
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function middle(a: string[], b: string[]): Array<[' ' | '-' | '+', string]> {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i++]]);
      j++;
    } else if (
      i < a.length &&
      (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])
    ) {
      ops.push(['-', a[i++]]);
    } else ops.push(['+', b[j++]]);
  }
  return ops;
}
