import {
  addToCollection,
  readCollection,
  removeFromCollection,
} from './terraformCollections';

const file = (list: string) =>
  `locals {\n  federated_clusters = ${list} # leaves\n}\n`;

describe('for_each collections', () => {
  it.each([
    ['one a line, trailing comma', '[\n    "blue",\n    "green",\n  ]'],
    ['one a line, no trailing comma', '[\n    "blue",\n    "green"\n  ]'],
    ['inline', '["blue", "green"]'],
    ['inline, trailing comma', '["blue", "green",]'],
  ])(
    'adds a cluster like the last item and removes it exactly (%s)',
    (_name, list) => {
      const before = file(list);
      const ref = 'local.federated_clusters';
      const added = addToCollection(
        before,
        readCollection(before, ref)!,
        'eu-west',
        t => t,
      );
      expect(added.status).toBe('added');
      expect(
        readCollection(added.content, ref)!.items.map(i => i.cluster),
      ).toEqual(['blue', 'green', 'eu-west']);
      expect(
        addToCollection(
          added.content,
          readCollection(added.content, ref)!,
          'eu-west',
          t => t,
        ).status,
      ).toBe('unchanged');
      const removed = removeFromCollection(
        added.content,
        readCollection(added.content, ref)!,
        'eu-west',
      );
      expect(removed.content).toBe(before);
    },
  );

  it('removes the first item of an inline list', () => {
    const before = file('["blue", "green"]');
    const removed = removeFromCollection(
      before,
      readCollection(before, 'local.federated_clusters')!,
      'blue',
    );
    expect(removed.content).toBe(file('["green"]'));
  });

  it('reads the keys of a map in a variable default', () => {
    const text = `variable "leaves" {\n  default = {\n    blue  = { sg = "sg-1" }\n    "green" = { sg = "sg-2" }\n  }\n}\n`;
    const map = readCollection(text, 'var.leaves')!;
    expect(map.kind).toBe('map');
    expect(
      map.items.map(i => [i.cluster, text.slice(i.itemStart, i.itemEnd)]),
    ).toEqual([
      ['blue', 'blue  = { sg = "sg-1" }'],
      ['green', '"green" = { sg = "sg-2" }'],
    ]);
  });
});
