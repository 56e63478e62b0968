/**
 * Value checks on the bytes of one CSV field's content, for the scanner's hot
 * loop: no strings are built for values that are fine. Each returns what COPY
 * will read (or a verdict); a value COPY could refuse never passes, so a type
 * error can never stop a load.
 */

const D0 = 0x30;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** Identifier characters: letters, digits and `. _ : / -`. */
const IDENTIFIER = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-') IDENTIFIER[c.charCodeAt(0)] = 1;

export const IDENTIFIER_MAX = 64;

export function isIdentifier(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 1 || e - s > IDENTIFIER_MAX) return false;
  for (let i = s; i < e; i++) if (IDENTIFIER[b[i]] === 0) return false;
  return true;
}

export function isDigits(b: Uint8Array, s: number, e: number, min: number, max: number): boolean {
  if (e - s < min || e - s > max) return false;
  for (let i = s; i < e; i++) if (!isDigit(b[i])) return false;
  return true;
}

/** A decimal number of digits, at most one point and an optional leading minus (`-122.41`, `.5`, `37.`). */
export function isDecimal(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (i < e && b[i] === 0x2d) i++;
  let digits = 0;
  let points = 0;
  for (; i < e; i++) {
    if (isDigit(b[i])) digits++;
    else if (b[i] === 0x2e && points === 0) points++;
    else return false;
  }
  return digits > 0;
}

function num(b: Uint8Array, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    if (!isDigit(b[i])) return -1;
    n = n * 10 + b[i] - D0;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY<sep>MM<sep>DD` at `s` with a real calendar day; the separator is `-` or `/`. */
function calendarDate(b: Uint8Array, s: number, sep: number): boolean {
  if (b[s + 4] !== sep || b[s + 7] !== sep) return false;
  const year = num(b, s, 4);
  const month = num(b, s + 5, 2);
  const day = num(b, s + 8, 2);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * A local date and time, as the import formats allow it: ISO 8601
 * (`2024-03-09T22:40`, `2024-03-09 22:40:00`, with up to six decimals of a
 * second) or DataSF's `2024/03/09 10:40:00 PM`. Writes its ISO form
 * (`YYYY-MM-DD HH:MM[:SS[.ffffff]]`, 26 bytes at most) into `out` at `o` and
 * returns the length written, or -1 when it is not a date and time. No zone is
 * accepted: times are San Francisco's wall clock.
 */
export function localDateTime(b: Uint8Array, s: number, e: number, out: Uint8Array, o: number): number {
  const len = e - s;
  if (len === 22 && b[s + 4] === 0x2f) {
    // DataSF: 2024/03/09 10:40:00 PM
    if (!calendarDate(b, s, 0x2f) || b[s + 10] !== 0x20 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a || b[s + 19] !== 0x20) return -1;
    const hour12 = num(b, s + 11, 2);
    const minute = num(b, s + 14, 2);
    const second = num(b, s + 17, 2);
    const ap = b[s + 20] | 0x20;
    if ((b[s + 21] | 0x20) !== 0x6d || (ap !== 0x61 && ap !== 0x70)) return -1;
    if (hour12 < 0 || hour12 > 12 || minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
    const hour = (hour12 % 12) + (ap === 0x70 ? 12 : 0);
    for (let k = 0; k < 10; k++) out[o + k] = b[s + k] === 0x2f ? 0x2d : b[s + k];
    out[o + 10] = 0x20;
    out[o + 11] = D0 + Math.floor(hour / 10);
    out[o + 12] = D0 + (hour % 10);
    for (let k = 13; k < 19; k++) out[o + k] = b[s + k];
    return 19;
  }
  // ISO: 2024-03-09T22:40[:00[.123456]]
  if (len < 16 || len > 26 || len === 17 || len === 18 || len === 20) return -1;
  if (!calendarDate(b, s, 0x2d)) return -1;
  const t = b[s + 10];
  if ((t !== 0x54 && t !== 0x20) || b[s + 13] !== 0x3a) return -1;
  const hour = num(b, s + 11, 2);
  const minute = num(b, s + 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return -1;
  if (len >= 19) {
    if (b[s + 16] !== 0x3a) return -1;
    const second = num(b, s + 17, 2);
    if (second < 0 || second > 59) return -1;
    if (len > 19) {
      if (b[s + 19] !== 0x2e) return -1;
      for (let i = s + 20; i < e; i++) if (!isDigit(b[i])) return -1;
    }
  }
  out.set(b.subarray(s, e), o);
  out[o + 10] = 0x20;
  return len;
}

/**
 * A local date: `2024-03-09`, `2024/03/09`, or the date of a local date and
 * time. Writes `YYYY-MM-DD` (10 bytes) into `out` at `o`; false when it is not one.
 */
export function localDate(b: Uint8Array, s: number, e: number, out: Uint8Array, o: number, scratch: Uint8Array): boolean {
  if (e - s === 10) {
    const sep = b[s + 4];
    if ((sep !== 0x2d && sep !== 0x2f) || !calendarDate(b, s, sep)) return false;
    for (let k = 0; k < 10; k++) out[o + k] = k === 4 || k === 7 ? 0x2d : b[s + k];
    return true;
  }
  if (localDateTime(b, s, e, scratch, 0) < 0) return false;
  out.set(scratch.subarray(0, 10), o);
  return true;
}
