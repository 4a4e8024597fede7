import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { FleetWarnings, NAMES_SHOWN, groupWarnings } from './FleetWarnings';

const matchAll = (cluster: string): SetupWarning => ({
  id: 'match-all-federate-selector',
  cluster,
  message: `federate-${cluster} federates every series.`,
  remediation: 'Narrow its match[].',
  costPath: `/clusters/${cluster}/cost`,
});
const fleetWide: SetupWarning = {
  id: 'latency-alert-cannot-fire',
  message: 'The latency alert can never fire.',
  remediation: 'Compare with the timeout.',
};
const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `leaf-${String(i).padStart(3, '0')}`);

describe('FleetWarnings', () => {
  it('shows one warning on many clusters as one, its clusters linked to their cost, the rest on demand', async () => {
    const many = names(40).map(matchAll);
    await renderInTestApp(<FleetWarnings warnings={[fleetWide, ...many]} />);
    const box = screen.getByTestId('setup-warnings');
    // Two alerts, not 41: the fleet-wide one and the group.
    expect(within(box).getAllByRole('note')).toHaveLength(2);
    expect(box).toHaveTextContent('can never fire');
    const group = within(
      screen.getByTestId('warning-group-match-all-federate-selector'),
    );
    group.getByText('Federation set-up: 40 clusters');
    group.getByText(/federate-leaf-000 federates every series/);
    expect(group.getAllByRole('link')).toHaveLength(NAMES_SHOWN);
    expect(group.getByRole('link', { name: 'leaf-001' })).toHaveAttribute(
      'href',
      '/clusters/leaf-001#federation-volume',
    );
    expect(
      screen.getByTestId('warning-group-match-all-federate-selector'),
    ).toHaveTextContent(`and ${40 - NAMES_SHOWN} more`);

    fireEvent.click(group.getByRole('button', { name: 'Show all' }));
    expect(group.getAllByRole('link')).toHaveLength(40);
    expect(group.queryByRole('button', { name: 'Show all' })).toBeNull();
  });

  it('keeps a few warnings of a kind, and fleet-wide ones, each with its own text', () => {
    const two = [matchAll('blue'), matchAll('green')];
    expect(groupWarnings([...two, fleetWide, fleetWide])).toEqual([
      [two[0]],
      [two[1]],
      [fleetWide],
      [fleetWide],
    ]);
    const three = names(3).map(matchAll);
    expect(groupWarnings([fleetWide, ...three])).toEqual([[fleetWide], three]);
  });

  it('shows nothing without warnings', async () => {
    await renderInTestApp(<FleetWarnings warnings={[]} />);
    expect(screen.queryByTestId('setup-warnings')).toBeNull();
  });

  it('lists each refused catalog entity, and links an unmanaged federate job to the template that adopts it', async () => {
    const refused = (ref: string): SetupWarning => ({
      id: 'catalog-cluster-refused',
      entityRef: ref,
      message: `Catalog entity ${ref} is not used: leaf host evil.test matches no pattern.`,
      remediation: 'Fix the entity.',
    });
    await renderInTestApp(
      <FleetWarnings
        warnings={[
          refused('resource:team-a/blue'),
          refused('resource:team-b/blue'),
          {
            id: 'unmanaged-federate-job',
            cluster: 'orange',
            templateRef: 'template:default/add-cluster-to-federation',
            message: 'Ops Prometheus federates federate-orange.',
            remediation: 'Adopt it.',
          },
        ]}
      />,
    );
    const box = screen.getByTestId('setup-warnings');
    expect(within(box).getAllByRole('note')).toHaveLength(3);
    expect(box).toHaveTextContent('resource:team-a/blue is not used');
    expect(box).toHaveTextContent('resource:team-b/blue is not used');
    expect(screen.getByTestId('warning-template-link')).toHaveAttribute(
      'href',
      '/create/templates/default/add-cluster-to-federation',
    );
  });
});
