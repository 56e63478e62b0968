/**
 * Words and numbers as a reader sees them. Everything here is deterministic: no current time, no locale-dependent
 * wording (month names are spelled out here rather than asked of Intl, whose wording changes between ICU versions).
 */
import { REVIEW_STATUS_LABELS, isReviewStatus, wallOf, zoneOf } from '@sra/contracts';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const MONTH = /^(\d{4})-(\d{2})$/;

/** `2022-05` -> `May 2022`; anything else unchanged. */
export function monthLabel(month: string): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const name = MONTH_NAMES[Number(m[2]) - 1];
  return name === undefined ? month : `${name} ${m[1]}`;
}

/** The months from `from` to `to` (both `YYYY-MM`, both included), oldest first; empty when either is malformed. */
export function monthsBetween(from: string, to: string): string[] {
  const a = MONTH.exec(from);
  const b = MONTH.exec(to);
  if (!a || !b) return [];
  const out: string[] = [];
  let index = Number(a[1]) * 12 + Number(a[2]) - 1;
  const last = Number(b[1]) * 12 + Number(b[2]) - 1;
  // A bound keeps a reversed or absurd range from looping for long.
  while (index <= last && out.length < 1200) {
    const year = Math.floor(index / 12);
    out.push(`${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`);
    index += 1;
  }
  return out;
}

/**
 * `part / whole` as a percentage with one decimal, e.g. 92.5. Computed on integers and rounded half up, so the
 * same counts always give the same figure (no float drift like 1 - 3/40 = 0.9249999...).
 */
export function percentOf(part: number, whole: number): number {
  return Math.round((part * 1000) / whole) / 10;
}

/** 92.5 -> `92.5%`, 100 -> `100.0%`. */
export function percentText(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** The compliance rate `1 - flagged / eligible` in percent; null when nothing was eligible (never 100%). */
export function complianceRate(flagged: number, eligible: number): number | null {
  return eligible === 0 ? null : percentOf(eligible - flagged, eligible);
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const two = (n: number) => String(n).padStart(2, '0');

/** `2022-06-01 14:05`: San Francisco's wall clock at `date` (from the app's one reading of it, libs/contracts). */
function sfWallText(date: Date): string {
  const wall = wallOf(date);
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}`;
}

/**
 * A moment as San Francisco wall-clock time, `2022-06-01 14:05`. Only numeric parts are read from Intl, so the
 * text does not depend on the ICU version's punctuation. A bare day stays as it is; text that is not a date is
 * returned unchanged (the report shows what it was given rather than failing).
 */
export function sfTime(at: string | null): string {
  if (at === null || at === '') return '';
  if (DAY_ONLY.test(at)) return at;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return sfWallText(date);
}

/** The same with its zone, `2022-06-01 14:05 PDT` (the zone worked out from the offset, not from ICU's words). */
export function sfTimeZoned(at: string | null): string {
  const text = sfTime(at);
  if (at === null || text === at || DAY_ONLY.test(at)) return text;
  return `${text} ${zoneOf(new Date(at))}`;
}

const LOCAL_TIME = /\b(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})\b(?! ?(?:PST|PDT|UTC))/g;

/**
 * Names the zone of each San Francisco wall-clock time (`2022-05-04 13:55`) in a text, e.g. a case's sentence:
 * `2022-05-04 13:55 PDT`. A wall time that occurs twice (the hour the clocks go back) is taken as the first.
 */
export function withZone(text: string): string {
  return text.replace(LOCAL_TIME, (whole, y: string, mo: string, d: string, h: string, mi: string) => {
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    for (const behind of [7, 8]) {
      const date = new Date(wall + behind * 3600000);
      if (sfWallText(date) === `${y}-${mo}-${d} ${h}:${mi}`) return `${whole} ${behind === 7 ? 'PDT' : 'PST'}`;
    }
    return whole;
  });
}

/** `1 flag`, `3 flags`; the count may already be text (`<11 flags`). */
export function plural(count: number | string, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function reviewStatusLabel(status: string): string {
  return isReviewStatus(status) ? REVIEW_STATUS_LABELS[status] : status;
}

const CONFIDENCE_WORDS: Readonly<Record<string, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

export function confidenceLabel(confidence: string): string {
  return CONFIDENCE_WORDS[confidence] ?? confidence;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  incidents: 'Incident reports',
  'incident-persons': 'People on incidents',
  arrests: 'Arrests',
  'da-decisions': 'DA decisions',
};

export function batchKindLabel(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}

const ACTION_WORDS: Readonly<Record<string, string>> = { arrest: 'Arrest', da_decision: 'DA decision to charge' };

export function actionLabel(actionType: string): string {
  return ACTION_WORDS[actionType] ?? actionType;
}

const PROVENANCE_WORDS: Readonly<Record<string, string>> = {
  verified: 'checked against the text',
  secondary: 'from a reliable second-hand account',
  inferred: 'our reading, still to be checked',
};

const LIST_WORDS: Readonly<Record<string, string>> = {
  qualification: 'qualifying reports',
  protectedCharges: 'protected charges',
  repealedCodes: 'repealed sections',
};

/** `{ qualification: 'secondary' }` -> `qualifying reports: from a reliable second-hand account`, keys sorted. */
export function provenanceText(provenance: Record<string, string>): string {
  const keys = Object.keys(provenance).sort();
  if (keys.length === 0) return 'not recorded';
  return keys
    .map((key) => {
      const value = provenance[key] ?? '';
      return `${LIST_WORDS[key] ?? key}: ${PROVENANCE_WORDS[value] ?? value}`;
    })
    .join('; ');
}

/** Plain `<` / `>` ordering by UTF-16 code units: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
