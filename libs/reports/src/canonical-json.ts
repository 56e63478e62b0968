/**
 * JSON with every object's keys sorted (by UTF-16 code units) and no spaces: the same data always gives the same
 * text, whatever order it was gathered in, so the API can hash a snapshot (SHA-256 of this text).
 *
 * Follows JSON.stringify for everything else: `toJSON` is used (dates), `undefined`, functions and symbols are
 * left out of objects and become `null` in arrays, non-finite numbers become `null`. Array order is kept: it
 * carries meaning. A bigint or a cycle is refused rather than hashed wrongly.
 */
export function canonicalJson(value: unknown): string {
  const out = encode(value, new Set());
  return out === undefined ? 'null' : out;
}

function encode(value: unknown, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: the value refers to itself');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item) => encode(item, ancestors) ?? 'null').join(',')}]`;
  } else {
    const record = object as Record<string, unknown>;
    const fields: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const encoded = encode(record[key], ancestors);
      if (encoded !== undefined) fields.push(`${JSON.stringify(key)}:${encoded}`);
    }
    text = `{${fields.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}
