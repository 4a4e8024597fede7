import { goneSources, LocationEntity, sourceGone } from './goneSources';

const FILE =
  'https://github.example.com/acme/infra/blob/main/catalog/clusters/purple.yaml';

const location = (
  target: string,
  items: NonNullable<LocationEntity['status']>['items'] = [],
): LocationEntity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'generated-1' },
  spec: { type: 'url', target },
  status: { items },
});

const cluster = (managedBy?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'purple',
    annotations: (managedBy
      ? { 'backstage.io/managed-by-location': managedBy }
      : {}) as Record<string, string>,
  },
});

describe('goneSources', () => {
  it('names the location whose file answers 404, in the managed-by-location form', () => {
    const gone = goneSources([
      location(FILE, [
        {
          level: 'error',
          error: { name: 'NotFoundError' },
        },
      ]),
      location(`${FILE}.other`),
    ]);
    expect([...gone]).toEqual([`url:${FILE}`]);
    expect(sourceGone(cluster(`url:${FILE}`), gone)).toBe(true);
    // As the catalog records a file read through GitHub's search: tree/ here, blob/ at origin.
    const found = cluster(`url:${FILE.replace('/blob/', '/tree/')}`);
    expect(sourceGone(found, gone)).toBe(false);
    found.metadata.annotations[
      'backstage.io/managed-by-origin-location'
    ] = `url:${FILE}`;
    expect(sourceGone(found, gone)).toBe(true);
  });

  it('keeps entities whose location failed otherwise, or who have no location', () => {
    const gone = goneSources([
      // A Git provider outage or a parse error is not a removal.
      location(FILE, [{ level: 'error', error: { name: 'InputError' } }]),
      location(`${FILE}.warn`, [
        { level: 'warning', error: { name: 'NotFoundError' } },
      ]),
    ]);
    expect(gone.size).toBe(0);
    expect(sourceGone(cluster(`url:${FILE}`), goneSources([]))).toBe(false);
    expect(sourceGone(cluster(), new Set([`url:${FILE}`]))).toBe(false);
  });
});
