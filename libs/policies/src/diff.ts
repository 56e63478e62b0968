/**
 * What changed between two versions of a policy, for the admin screen and the audit trail.
 *
 * - A single value (version, effectiveFrom, provenance, hours, a nullable code such as drugMisdemeanorRange,
 *   `agencies: "any"` against a list) that differs is `changed`, with `before` and `after`.
 * - A list is a set: each item only in `after` is `added` (with `after`), each item only in `before` is `removed`
 *   (with `before`), both at the list's path (`qualification.codes`, after `19057`). Order does not count; an item
 *   listed twice counts twice. Items are compared as written (`3074` and `03074` differ here, though they qualify
 *   the same rows: the diff shows what the admin wrote).
 * - A section that appears (null before) is `added` with the whole section; one that disappears is `removed`.
 *
 * Removals come before additions within a list; otherwise changes follow the fields' order in `before`, then
 * fields only `after` has.
 */
import type { PolicyDocument } from './model';

export interface PolicyChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A text that is equal for equal JSON values whatever the order of object keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function diffLists(path: string, before: readonly unknown[], after: readonly unknown[], out: PolicyChange[]): void {
  const remaining = new Map<string, number>();
  for (const item of after) {
    const k = canonical(item);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const kept = new Map<string, number>();
  for (const item of before) {
    const k = canonical(item);
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      kept.set(k, (kept.get(k) ?? 0) + 1);
    } else {
      out.push({ path, change: 'removed', before: item });
    }
  }
  for (const item of after) {
    const k = canonical(item);
    const matched = kept.get(k) ?? 0;
    if (matched > 0) kept.set(k, matched - 1);
    else out.push({ path, change: 'added', after: item });
  }
}

function diffValues(path: string, before: unknown, after: unknown, out: PolicyChange[]): void {
  if (canonical(before) === canonical(after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    diffLists(path, before, after, out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const key of keys) diffValues(join(path, key), before[key], after[key], out);
    return;
  }
  if (isAbsent(before) && (isObject(after) || Array.isArray(after))) {
    out.push({ path, change: 'added', after });
    return;
  }
  if ((isObject(before) || Array.isArray(before)) && isAbsent(after)) {
    out.push({ path, change: 'removed', before });
    return;
  }
  const change: PolicyChange = { path, change: 'changed' };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  out.push(change);
}

/** The changes from `before` to `after`; empty when they say the same thing. */
export function diffPolicies(before: PolicyDocument, after: PolicyDocument): PolicyChange[] {
  const out: PolicyChange[] = [];
  diffValues('', before, after, out);
  return out;
}
