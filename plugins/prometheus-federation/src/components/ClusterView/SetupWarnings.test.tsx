import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SetupWarnings } from './SetupWarnings';

const matchAll = {
  id: 'match-all-federate-selector' as const,
  cluster: 'blue',
  message: 'federate-blue federates every series.',
  remediation: 'Narrow its match[].',
  costPath: '/clusters/blue/cost',
};

describe('SetupWarnings', () => {
  it('links a match-all warning on the status page to the volume panel of its cluster', async () => {
    await renderInTestApp(<SetupWarnings warnings={[matchAll]} />);
    expect(screen.getByTestId('warning-cost-link')).toHaveAttribute(
      'href',
      '/clusters/blue#federation-volume',
    );
  });

  it('gives no cost link to a warning without a measured cost', async () => {
    const { costPath, ...plain } = matchAll;
    await renderInTestApp(<SetupWarnings warnings={[plain]} />);
    expect(screen.queryByTestId('warning-cost-link')).toBeNull();
  });
});
