/**
 * Tolerant person keys (issue 16, the keying kit): the optional `Person Link Keys` column of incident-persons and
 * `person_link_keys` of arrests and DA decisions. A value is zero or more `kind:hex` items separated by `;`, no
 * spaces: `slk:<64 hex>;sound:<64 hex>;date:<64 hex>`. The kinds are exactly those below; a kind may appear more than
 * once (two sound keys for two spellings of a surname). An empty cell holds no tolerant keys.
 *
 * The keys are pseudonymous, like person keys, and are re-keyed on the way in (HMAC with the deployment secret) so
 * the file's values are never stored; a malformed value is not kept even in the reject.
 */
export const PERSON_LINK_KEY_KINDS = ['slk', 'sound', 'date'] as const;
export type PersonLinkKeyKind = (typeof PERSON_LINK_KEY_KINDS)[number];

/** One item: a kind, a colon and 64 hex digits (POSIX, so SQL can use it too). */
export const PERSON_LINK_KEY_PATTERN = `^(${PERSON_LINK_KEY_KINDS.join('|')}):[0-9a-fA-F]{64}$`;
const ITEM = new RegExp(PERSON_LINK_KEY_PATTERN);

export type PersonLinkKeysParse =
  /** `keys`: the items as `kind:hex` (hex in lower case), de-duplicated and sorted; empty for an empty cell. */
  | { ok: true; keys: string[] }
  /** `reason`: plain words, naming the item by its place (never its value). */
  | { ok: false; reason: string };

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** Reads one cell of the column (`column` names it in the reason). */
export function parsePersonLinkKeys(value: string, column = 'Person Link Keys'): PersonLinkKeysParse {
  if (value === '') return { ok: true, keys: [] };
  if (/\s/.test(value)) return { ok: false, reason: `${column} has a space in it (write kind:key items separated by ; with no spaces)` };
  const items = value.split(';');
  const keys = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === '') return { ok: false, reason: `${column} has an empty ${ordinal(i + 1)} item (write kind:key items separated by ;, with none empty)` };
    const colon = item.indexOf(':');
    const kind = colon < 0 ? null : item.slice(0, colon);
    if (kind === null || !(PERSON_LINK_KEY_KINDS as readonly string[]).includes(kind)) {
      return { ok: false, reason: `${column}: the ${ordinal(i + 1)} item is not of a known kind (one of: ${PERSON_LINK_KEY_KINDS.join(', ')}, then a colon)` };
    }
    if (!ITEM.test(item)) return { ok: false, reason: `${column}: the ${ordinal(i + 1)} item (${kind}) is not 64 hex digits after the colon` };
    keys.add(`${kind}:${item.slice(colon + 1).toLowerCase()}`);
  }
  return { ok: true, keys: [...keys].sort() };
}

/** The kinds of stored keys (`kind:hex`), de-duplicated, in PERSON_LINK_KEY_KINDS order. */
export function linkKindsOf(keys: readonly string[]): PersonLinkKeyKind[] {
  const kinds = new Set(keys.map((k) => k.slice(0, k.indexOf(':'))));
  return PERSON_LINK_KEY_KINDS.filter((k) => kinds.has(k));
}
