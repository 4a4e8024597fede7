import { unifiedDiff } from './unifiedDiff';

describe('unifiedDiff', () => {
  it('shows an edit with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(unifiedDiff('x.txt', before, after)).toBe(
      '--- a/x.txt\n+++ b/x.txt\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  it('shows a new file and a deleted one', () => {
    expect(unifiedDiff('n', undefined, 'x\ny\n')).toBe(
      '--- /dev/null\n+++ b/n\n@@ -0,0 +1,2 @@\n+x\n+y\n',
    );
    expect(unifiedDiff('n', 'x\n', undefined)).toBe(
      '--- a/n\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n',
    );
  });
});
