/**
 * A streaming CSV scanner that finds rows without building them. It checks
 * what PostgreSQL's COPY would otherwise stop the whole load on (a wrong number
 * of fields, an unterminated quote, invalid UTF-8), numbers each row by the
 * physical line it starts on, and passes the good rows on, as bytes, prefixed
 * with that line number, for `COPY ... (FORMAT csv)` to parse.
 *
 * Quotes follow PostgreSQL's CSV rules exactly (a quote opens a quoted section
 * anywhere in a field; inside one, `""` is a literal quote), so the rows found
 * here are the rows COPY reads.
 */

import { CopyWriter, CsvRow } from './copy-row';
import { blocksLog2ForBytes, KeyFilter } from './key-filter';

/** Beyond this many candidate keys the scanner stops listing them, and the database checks every row. */
export const MAX_DUPLICATE_CANDIDATES = 100_000;
import type { RowRules } from './row-rules';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** The bytes that end or quote a field, or end a row. */
const SPECIAL = new Uint8Array(256);
SPECIAL[QUOTE] = 1;
SPECIAL[COMMA] = 1;
SPECIAL[LF] = 1;

export const MAX_FIELD_BYTES = 10_000;

export interface RowReject {
  line: number;
  /** 0-based field index, or null for the whole row (or when `column` names it). */
  field: number | null;
  /** The column by its spec name, when a row rule rejected the value. */
  column?: string;
  /** The offending value, when it may be kept. */
  value?: string | null;
  reason: string;
}

export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    /** 0-based field index, when the problem is in one field. */
    readonly column: number | null = null,
    /** That field's column as the header names it, when the header is known (not for a problem in the header itself). */
    readonly columnName: string | null = null,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

export interface ScanResult {
  /** Rows for COPY: `<line>,<row>\n` each (with row rules: `<line>,<values>,<reject>\n`). */
  copy: Uint8Array;
  rows: number;
}

export interface CsvScannerOptions {
  maxFieldBytes?: number;
  /** A fast UTF-8 check (Node's `buffer.isUtf8`); the JS fallback is slower. */
  isUtf8?: (bytes: Uint8Array) => boolean;
  /**
   * Called with each rejected row (wrong field count, oversized field, a value
   * the row rules refuse). With row rules, the reject is also written to the
   * COPY rows (see CopyWriter.rejectRow).
   */
  onReject: (reject: RowReject) => void;
  /**
   * The row rules for a file with this header (may throw to refuse the file).
   * Without them, rows are passed on as the file wrote them.
   */
  rulesFor?: (header: string[]) => RowRules;
  /** The file's size in bytes, when known: sizes the filter of keys (see KeyFilter). */
  sizeHint?: number;
}

/** UTF-8 validity of a byte range; returns the offset of the first bad byte, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Splits one CSV row (the header) into fields, with the same quote rules. */
export function splitCsvRow(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export class CsvScanner {
  private carry: Uint8Array = new Uint8Array(0);
  private line = 1;
  private header: string[] | null = null;
  private expectedFields = 0;
  private bytesSeen = 0;
  private rules: RowRules | null = null;
  private keys: KeyFilter | null = null;
  private candidates: string[][] | null = [];
  private row = new CsvRow(1);
  readonly maxFieldBytes: number;
  rowsRead = 0;

  constructor(private readonly options: CsvScannerOptions) {
    this.maxFieldBytes = options.maxFieldBytes ?? MAX_FIELD_BYTES;
  }

  /**
   * With row rules: the keys (values of the key columns, as written) of good
   * rows that may repeat an earlier row's key, for the database to check; null
   * when there were too many to list, and every row must be checked.
   */
  get duplicateCandidates(): string[][] | null {
    return this.keys ? this.candidates : null;
  }

  /** The header's fields, once the first row has been seen. */
  get columns(): string[] | null {
    return this.header;
  }

  /**
   * Scans the next chunk. Returns the complete good rows in it, ready for COPY
   * (the header row is consumed, not returned).
   */
  push(chunk: Uint8Array): ScanResult {
    let data: Uint8Array;
    if (this.carry.length === 0) data = chunk;
    else {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry, 0);
      data.set(chunk, this.carry.length);
    }
    if (this.bytesSeen === 0) data = this.startOfFile(data);
    this.bytesSeen += chunk.length;
    return this.scan(data, false);
  }

  /** Ends the file: the last row may lack a newline; an open quote is an error. */
  end(): ScanResult {
    if (this.bytesSeen === 0) throw new CsvFileError('The file is empty.', null);
    const result = this.scan(this.carry, true);
    if (this.header === null) throw new CsvFileError('The file is empty.', null);
    return result;
  }

  private startOfFile(data: Uint8Array): Uint8Array {
    // A byte-order mark is allowed and dropped.
    if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    const probe = data.subarray(0, Math.min(data.length, 4096));
    if (probe.includes(0)) throw new CsvFileError('The file is not a CSV text file: it contains binary data.', 1);
    let first = 0;
    while (first < probe.length && (probe[first] === 0x20 || probe[first] === 0x09 || probe[first] === CR || probe[first] === LF)) first++;
    if (probe[first] === 0x7b || probe[first] === 0x5b) {
      throw new CsvFileError('The file looks like JSON, not CSV. Export it as CSV (comma-separated, with a header row).', 1);
    }
    return data;
  }

  /** Refuses the file at the first byte that is not UTF-8, naming its line and column. */
  private checkUtf8(data: Uint8Array, end: number): void {
    const region = data.subarray(0, end);
    if (this.options.isUtf8 ? this.options.isUtf8(region) : firstInvalidUtf8(region) < 0) return;
    const bad = firstInvalidUtf8(region);
    if (bad < 0) return;
    let line = this.line;
    let lineStart = 0;
    for (let k = 0; k < bad; k++) {
      if (data[k] === LF) {
        line++;
        lineStart = k + 1;
      }
    }
    const column = countFieldsBefore(data, lineStart, bad);
    // Before the first row is scanned, the header is still in this chunk.
    const headerEnd = data.indexOf(LF);
    const header = this.header ?? (headerEnd >= 0 && headerEnd < bad ? splitCsvRow(new TextDecoder().decode(data.subarray(0, headerEnd)).replace(/\r$/, '')) : null);
    const name = header?.[column] ?? null;
    throw new CsvFileError(
      `Line ${line}${name !== null ? `, column "${name}"` : ''}: byte 0x${data[bad].toString(16).toUpperCase()} is not valid UTF-8. ` +
        'The file looks like it was saved as Latin-1 (ISO-8859-1) or Windows-1252; save it as UTF-8 and load it again. Nothing was stored.',
      line,
      column,
      name,
    );
  }

  /** Reports a rejected row, and with row rules writes it to the COPY rows too. */
  private reject(out: CopyWriter, reject: RowReject): void {
    this.options.onReject(reject);
    if (!this.rules) return;
    const column = reject.column ?? (reject.field === null ? null : (this.header?.[reject.field] ?? null));
    out.rejectRow(reject.line, this.rules.columns.length, column, reject.value ?? null, reject.reason);
  }

  private scan(data: Uint8Array, final: boolean): ScanResult {
    const n = data.length;
    // Rows end at a line feed, which is never inside a multi-byte character.
    this.checkUtf8(data, final ? n : data.lastIndexOf(LF) + 1);
    // Room for every row plus a line-number prefix; it grows if normalising needs more.
    const out = new CopyWriter(n + 16 * (1 + Math.ceil(n / 32)) + 1);
    const row = this.row;
    row.data = data;
    let rows = 0;
    let rowStart = 0;
    let i = 0;
    let quoted = false;
    let quoteLine = this.line;
    let fields = 1;
    let fieldStart = 0;
    let oversized = -1;
    let newlinesInRow = 0;
    let capacity = row.starts.length;
    row.starts[0] = 0;
    row.quoted[0] = 0;

    const finishRow = (rowEnd: number, next: number) => {
      let end = rowEnd;
      if (end > rowStart && data[end - 1] === CR) end--;
      const line = this.line;
      this.line += newlinesInRow + (next > rowEnd ? 1 : 0);
      if (end === rowStart && fields === 1) return; // blank line
      if (this.header === null) {
        this.header = splitCsvRow(new TextDecoder().decode(data.subarray(rowStart, end)));
        this.expectedFields = this.header.length;
        if (this.options.rulesFor) {
          this.rules = this.options.rulesFor(this.header);
          this.keys = new KeyFilter(blocksLog2ForBytes(this.options.sizeHint));
        }
        // Field positions are kept for rows of the right width only.
        this.row = new CsvRow(this.expectedFields);
        this.row.data = data;
        return;
      }
      this.rowsRead++;
      const rules = this.rules;
      if (fields !== this.expectedFields) {
        this.reject(out, { line, field: null, reason: `the row has ${fields} fields; the header has ${this.expectedFields}` });
        return;
      }
      if (oversized >= 0) {
        this.reject(out, { line, field: oversized, reason: `the value is longer than ${this.maxFieldBytes.toLocaleString('en-US')} bytes` });
        return;
      }
      if (rules === null) {
        out.reserve(end - rowStart + 16);
        out.integer(line);
        out.comma();
        out.plain(data, rowStart, end);
        out.newline();
        rows++;
        return;
      }
      const current = this.row;
      current.ends[fields - 1] = end;
      out.reserve(2 * (end - rowStart) + 32 * rules.columns.length + 32);
      const mark = out.o;
      out.integer(line);
      const problem = rules.write(current, out);
      if (problem) {
        out.o = mark;
        this.reject(out, { line, field: null, column: problem.column, value: problem.value, reason: problem.reason });
        return;
      }
      // The reject field, empty.
      out.comma();
      out.newline();
      if (this.keys?.add(rules.keyHash[0], rules.keyHash[1]) && this.candidates) {
        if (this.candidates.length < MAX_DUPLICATE_CANDIDATES) this.candidates.push(rules.lastKey(out.buf));
        else this.candidates = null;
      }
      rows++;
    };

    while (i < n) {
      if (!quoted) {
        // Most bytes are ordinary: skip them in a tight loop.
        while (i < n && SPECIAL[data[i]] === 0) i++;
        if (i === n) break;
      }
      const c = data[i];
      if (quoted) {
        if (c === QUOTE) {
          if (i + 1 < n && data[i + 1] === QUOTE) i += 2;
          else if (i + 1 >= n && !final) break; // need the next byte to decide
          else {
            quoted = false;
            i++;
          }
          continue;
        }
        if (c === LF) newlinesInRow++;
        i++;
        continue;
      }
      if (c === QUOTE) {
        quoted = true;
        quoteLine = this.line + newlinesInRow;
        if (fields <= capacity) this.row.quoted[fields - 1] = 1;
        i++;
      } else if (c === COMMA) {
        if (i - fieldStart > this.maxFieldBytes && oversized < 0) oversized = fields - 1;
        if (fields < capacity) {
          const r = this.row;
          r.ends[fields - 1] = i;
          r.starts[fields] = i + 1;
          r.quoted[fields] = 0;
        }
        fields++;
        fieldStart = i + 1;
        i++;
      } else if (c === LF) {
        if (i - fieldStart > this.maxFieldBytes && oversized < 0) oversized = fields - 1;
        finishRow(i, i + 1);
        i++;
        rowStart = i;
        fields = 1;
        fieldStart = i;
        oversized = -1;
        newlinesInRow = 0;
        capacity = this.row.starts.length;
        this.row.starts[0] = i;
        this.row.quoted[0] = 0;
      } else i++;
    }

    if (final) {
      if (quoted) {
        throw new CsvFileError(`Line ${quoteLine}: a quoted value is never closed (a " without its closing "). Nothing was stored.`, quoteLine);
      }
      if (rowStart < n) {
        if (n - fieldStart > this.maxFieldBytes && oversized < 0) oversized = fields - 1;
        finishRow(n, n);
      }
      this.carry = new Uint8Array(0);
    } else {
      // Rescanned with the next chunk, from the start of the unfinished row.
      this.carry = data.slice(rowStart);
    }
    return { copy: out.buf.subarray(0, out.o), rows };
  }
}

function countFieldsBefore(data: Uint8Array, start: number, at: number): number {
  let quoted = false;
  let fields = 0;
  for (let i = start; i < at; i++) {
    if (data[i] === QUOTE) quoted = !quoted;
    else if (data[i] === COMMA && !quoted) fields++;
  }
  return fields;
}
