import { CsvScanner, MAX_DUPLICATE_CANDIDATES } from './csv-scanner';
import { analyseHeader } from './header';
import { blocksLog2ForBytes, hashKeyBytes, KEY_HASH_SEEDS, KeyFilter, mixHash } from './key-filter';
import { rowRulesFor } from './row-rules';

const encoder = new TextEncoder();

function hashOf(...parts: string[]): [number, number] {
  const h = new Int32Array([KEY_HASH_SEEDS[0], KEY_HASH_SEEDS[1]]);
  for (const part of parts) {
    const bytes = encoder.encode(part);
    hashKeyBytes(bytes, 0, bytes.length, h);
  }
  return [mixHash(h[0]), mixHash(h[1])];
}

const add = (filter: KeyFilter, ...key: string[]) => filter.add(...hashOf(...key));

describe('KeyFilter', () => {
  it('says a key may have been seen exactly when it was added before', () => {
    const filter = new KeyFilter();
    expect([add(filter, '61234503074'), add(filter, '61234603074'), add(filter, '61234503074'), add(filter, '61234503074')]).toEqual([false, false, true, true]);
  });

  it('says so for none of 200,000 distinct keys (false candidates are rare at this size)', () => {
    const filter = new KeyFilter();
    let seen = 0;
    for (let i = 0; i < 200_000; i++) if (add(filter, `${600000000 + i}03074`)) seen++;
    expect(seen).toBe(0);
  });

  it('tells the columns of a key apart: ("ab", "c") is not ("a", "bc")', () => {
    expect(hashOf('ab', 'c')).not.toEqual(hashOf('a', 'bc'));
    const filter = new KeyFilter();
    expect([add(filter, '170000001', 'SFP-a', 'victim'), add(filter, '170000001', 'SFP-a', 'witness'), add(filter, '170000001', 'SFP-', 'avictim')]).toEqual([false, false, false]);
  });
});

describe('the size of the filter', () => {
  it('grows with the file (a 64-byte block for every four rows of 128 bytes) between 64 KB and 64 MB; 32 MB when the size is unknown', () => {
    expect(blocksLog2ForBytes(1_000)).toBe(10); // the 64 KB floor
    expect(blocksLog2ForBytes(4_000_000)).toBe(13); // 7,813 blocks -> 8,192
    expect(blocksLog2ForBytes(351_000_000)).toBe(20); // 685,547 blocks -> 1,048,576 (64 MB)
    expect(blocksLog2ForBytes(2_000_000_000)).toBe(20); // the 64 MB ceiling
    expect(blocksLog2ForBytes(undefined)).toBe(19);
  });

  it('a small filter still finds every repeat', () => {
    const filter = new KeyFilter(10);
    const added = [add(filter, 'a-key-1'), add(filter, 'a-key-2'), add(filter, 'a-key-1')];
    expect(added).toEqual([false, false, true]);
  });
});

describe('duplicate candidates of a scan', () => {
  const scan = (text: string) => {
    const scanner = new CsvScanner({ onReject: () => undefined, rulesFor: (header) => rowRulesFor('incident-persons', analyseHeader('incident-persons', header).columns) });
    scanner.push(encoder.encode(text));
    scanner.end();
    return scanner.duplicateCandidates;
  };

  it('are the keys, as stored, of rows whose key an earlier row had', () => {
    const rows = ['Incident Number,Person Key,Person Role', '170000001,SFP-abc123,Victim', '170000001,SFP-abc123,witness', '170000001,SFP-abc123,VICTIM'];
    expect(scan(rows.join('\n'))).toEqual([['170000001', 'SFP-abc123', 'victim']]);
  });

  it(`are not listed beyond ${MAX_DUPLICATE_CANDIDATES.toLocaleString('en-US')}: the database then checks every row`, () => {
    const rows = ['Incident Number,Person Key,Person Role'];
    for (let i = 0; i <= MAX_DUPLICATE_CANDIDATES + 1; i++) rows.push('170000001,SFP-abc123,victim');
    expect(scan(rows.join('\n'))).toBeNull();
  });
});
