import type { Page } from '@playwright/test';

/** The WCAG 2 A and AA rules: what the accessibility check holds every view to. */
const WCAG2_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact?: string;
  help: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/**
 * Runs axe-core (from the npm registry, injected into the page) on what the page shows now, and
 * returns its WCAG 2 A/AA violations in words: rule, impact, the elements and why.
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(
    tags =>
      (window as unknown as { axe: any }).axe
        .run(document, { runOnly: { type: 'tag', values: tags } })
        .then((r: { violations: Violation[] }) => r.violations),
    WCAG2_AA,
  );
  return (violations as Violation[]).map(
    v =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .map(
          n =>
            `  ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}: ${
              n.failureSummary ?? ''
            }`,
        )
        .join('\n')}`,
  );
}
