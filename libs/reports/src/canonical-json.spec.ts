import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same data gathered in another order', () => {
    const one = { month: '2022-05', rules: [{ ruleId: 'r', flags: 4 }], takenAt: 't' };
    const two = { takenAt: 't', rules: [{ flags: 4, ruleId: 'r' }], month: '2022-05' };
    expect(canonicalJson(two)).toBe(canonicalJson(one));
    expect(canonicalJson({ rules: [2, 1] })).not.toBe(canonicalJson({ rules: [1, 2] }));
  });

  it('sorts keys by code unit, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a10: 4, a9: 5 })).toBe('{"Z":3,"a10":4,"a9":5,"z":2,"é":1}');
  });

  it('follows JSON for what JSON leaves out or cannot say', () => {
    expect(canonicalJson({ a: undefined, b: null, c: () => 1 })).toBe('{"b":null}');
    expect(canonicalJson([undefined, NaN, Infinity, -0])).toBe('[null,null,null,0]');
    expect(canonicalJson(new Date(Date.UTC(2022, 4, 1)))).toBe('"2022-05-01T00:00:00.000Z"');
    expect(canonicalJson('a "quote"\n')).toBe('"a \\"quote\\"\\n"');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('refuses a value that refers to itself, but not one shared twice', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).toThrow(/refers to itself/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
