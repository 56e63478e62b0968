import { hashKeyBytes, KEY_HASH_SEEDS, KeyFilter, MAX_CANDIDATES, mixHash } from './key-filter';

const encoder = new TextEncoder();

function hashOf(...parts: string[]): [number, number] {
  const h = new Int32Array([KEY_HASH_SEEDS[0], KEY_HASH_SEEDS[1]]);
  for (const part of parts) {
    const bytes = encoder.encode(part);
    hashKeyBytes(bytes, 0, bytes.length, h);
  }
  return [mixHash(h[0]), mixHash(h[1])];
}

function add(filter: KeyFilter, line: number, ...key: string[]): void {
  const [h1, h2] = hashOf(...key);
  filter.add(h1, h2, line);
}

describe('KeyFilter', () => {
  it('names every line whose key was seen on an earlier line', () => {
    const filter = new KeyFilter();
    add(filter, 2, '61234503074');
    add(filter, 3, '61234603074');
    add(filter, 4, '61234503074');
    add(filter, 5, '61234503074');
    expect(filter.candidates).toEqual([4, 5]);
  });

  it('names none among 200,000 distinct keys (false candidates are rare at this size)', () => {
    const filter = new KeyFilter();
    for (let i = 0; i < 200_000; i++) add(filter, i + 2, `${600000000 + i}03074`);
    expect(filter.candidates).toEqual([]);
  });

  it('tells the columns of a key apart: ("ab", "c") is not ("a", "bc")', () => {
    expect(hashOf('ab', 'c')).not.toEqual(hashOf('a', 'bc'));
    const filter = new KeyFilter();
    add(filter, 2, '170000001', 'SFP-a', 'victim');
    add(filter, 3, '170000001', 'SFP-a', 'witness');
    add(filter, 4, '170000001', 'SFP-', 'avictim');
    expect(filter.candidates).toEqual([]);
  });

  it(`gives up listing beyond ${MAX_CANDIDATES.toLocaleString('en-US')} candidates, so the database checks every row`, () => {
    const filter = new KeyFilter();
    for (let i = 0; i <= MAX_CANDIDATES + 1; i++) add(filter, i + 2, 'same-key');
    expect(filter.candidates).toBeNull();
  });
});
