// Character helpers for the hand-written scanners. Everything works on a string lower-cased in ASCII only
// (`asciiLower`), so that indices in the scanned text are indices in the text as written.

export function asciiLower(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      out += s.slice(from, i) + String.fromCharCode(c + 32);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A lower-case ASCII letter (the scanned text is ASCII-lower-cased first). */
export function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

export function isSpace(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 0xa0 || c === 0x2007 || c === 0x202f || c === 0x3000
  );
}

export function skipSpaces(t: string, i: number): number {
  while (i < t.length && isSpace(t.charCodeAt(i))) i++;
  return i;
}

export function digitRunEnd(t: string, i: number): number {
  while (i < t.length && isDigit(t.charCodeAt(i))) i++;
  return i;
}

export function letterRunEnd(t: string, i: number): number {
  while (i < t.length && isLetter(t.charCodeAt(i))) i++;
  return i;
}

/** Shortens a piece of input for an error message. */
export function quote(s: string, max = 40): string {
  const shown = s.length > max ? `${s.slice(0, max)}...` : s;
  return `'${shown}'`;
}
