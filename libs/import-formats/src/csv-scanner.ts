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

/** A longer value rejects its row (the other rows load). */
export const MAX_FIELD_BYTES = 10_000;
/**
 * A longer field, or row, refuses the whole file: no real value comes near (the longest field in DataSF's SFPD
 * files is under 100 bytes, the longest row under 500), so it is a quote left open, or not a CSV file. The limits
 * also bound the scanner's memory: it never holds more than one row and one chunk.
 */
export const FIELD_LIMIT_BYTES = 64 * 1024;
export const ROW_LIMIT_BYTES = 1024 * 1024;

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
  /** A longer value rejects its row (MAX_FIELD_BYTES). */
  maxFieldBytes?: number;
  /** A longer field refuses the file (FIELD_LIMIT_BYTES). */
  fieldLimitBytes?: number;
  /** A longer row refuses the file (ROW_LIMIT_BYTES). */
  rowLimitBytes?: number;
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
  /** The unfinished row: `carry[0, carryLength)`, kept across chunks in a buffer that grows by doubling. */
  private carry: Uint8Array = new Uint8Array(0);
  private carryLength = 0;
  // Where the unfinished row's scan stopped, so the next chunk resumes there instead of scanning the row again.
  /** Offset in the carry where scanning resumes. */
  private resumeAt = 0;
  /** Offset in the carry up to which the bytes were checked as UTF-8. */
  private utf8CheckedTo = 0;
  /** The carry's length after the last scan: the bytes after it are the new chunk's. */
  private carriedBytes = 0;
  private quoted = false;
  private fields = 1;
  private fieldStart = 0;
  private oversized = -1;
  private newlinesInRow = 0;
  private line = 1;
  private header: string[] | null = null;
  private expectedFields = 0;
  private bytesSeen = 0;
  private rules: RowRules | null = null;
  private keys: KeyFilter | null = null;
  private candidates: string[][] | null = [];
  private row = new CsvRow(1);
  readonly maxFieldBytes: number;
  readonly fieldLimitBytes: number;
  readonly rowLimitBytes: number;
  rowsRead = 0;

  constructor(private readonly options: CsvScannerOptions) {
    this.maxFieldBytes = options.maxFieldBytes ?? MAX_FIELD_BYTES;
    this.fieldLimitBytes = options.fieldLimitBytes ?? FIELD_LIMIT_BYTES;
    this.rowLimitBytes = options.rowLimitBytes ?? ROW_LIMIT_BYTES;
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
    if (this.carryLength === 0) data = chunk;
    else {
      const needed = this.carryLength + chunk.length;
      if (needed > this.carry.length) {
        const grown = new Uint8Array(Math.max(needed, 2 * this.carry.length));
        grown.set(this.carry.subarray(0, this.carryLength), 0);
        this.carry = grown;
      }
      this.carry.set(chunk, this.carryLength);
      data = this.carry.subarray(0, needed);
    }
    if (this.bytesSeen === 0) data = this.startOfFile(data);
    this.bytesSeen += chunk.length;
    return this.scan(data, false);
  }

  /** Ends the file: the last row may lack a newline; an open quote is an error. */
  end(): ScanResult {
    if (this.bytesSeen === 0) throw new CsvFileError('The file is empty.', null);
    const result = this.scan(this.carry.subarray(0, this.carryLength), true);
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

  /** Refuses the file at the first byte of data[from, end) that is not UTF-8, naming its line and column. */
  private checkUtf8(data: Uint8Array, from: number, end: number): void {
    if (end <= from) return;
    const region = data.subarray(from, end);
    if (this.options.isUtf8 ? this.options.isUtf8(region) : firstInvalidUtf8(region) < 0) return;
    const found = firstInvalidUtf8(region);
    if (found < 0) return;
    const bad = from + found;
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

  /** A field by the header's name for it, else by its position. */
  private fieldName(k: number): string {
    const name = this.header?.[k];
    return name !== undefined ? `column "${name}"` : `field ${k + 1}`;
  }

  /**
   * Where byte `at` of the row starting at `start` falls: its line, its field, and the quote open there if any.
   * Only for messages: it scans the row again from its start, once.
   */
  private locate(data: Uint8Array, start: number, at: number): { line: number; field: number; fieldLine: number; quote: { line: number; field: number } | null } {
    let line = this.line;
    let field = 0;
    let fieldLine = line;
    let quoted = false;
    let quote = { line, field };
    for (let i = start; i < at; i++) {
      const c = data[i];
      if (quoted) {
        if (c === QUOTE) {
          if (i + 1 < data.length && data[i + 1] === QUOTE) i++;
          else quoted = false;
        } else if (c === LF) line++;
      } else if (c === QUOTE) {
        quoted = true;
        quote = { line, field };
      } else if (c === COMMA) {
        field++;
        fieldLine = line;
      }
    }
    return { line, field, fieldLine, quote: quoted ? quote : null };
  }

  /**
   * Refuses the file when, at byte `at`, the current field or row has grown past its limit. Checked at each field's
   * end and at each chunk's end; of two limits passed, the one passed first is reported, so the refusal is the same
   * whatever the chunks.
   */
  private checkLimits(data: Uint8Array, rowStart: number, fieldStart: number, at: number): void {
    const fieldOver = at - fieldStart > this.fieldLimitBytes;
    const rowOver = at - rowStart > this.rowLimitBytes;
    if (!fieldOver && !rowOver) return;
    const fieldFirst = fieldOver && (!rowOver || fieldStart + this.fieldLimitBytes <= rowStart + this.rowLimitBytes);
    // The state where the limit was passed (the field there is the current one: no field ended since).
    const passed = this.locate(data, rowStart, fieldFirst ? fieldStart + this.fieldLimitBytes : rowStart + this.rowLimitBytes);
    const quote = passed.quote;
    const limit = formatLimit(fieldFirst ? this.fieldLimitBytes : this.rowLimitBytes);
    const why = quote
      ? `The quote (") opened on line ${quote.line} in ${this.fieldName(quote.field)} is still open after ${limit}: it is probably never closed.`
      : 'No real value comes near that: check that this is the CSV file you meant to load.';
    if (fieldFirst) {
      throw new CsvFileError(
        `Line ${passed.fieldLine}, ${this.fieldName(passed.field)}: a value is longer than ${limit}, the most one value may hold. ${why} Nothing was stored.`,
        passed.fieldLine,
        passed.field,
        this.header?.[passed.field] ?? null,
      );
    }
    throw new CsvFileError(
      `Line ${this.line}: the row that starts on this line is longer than ${limit}, the most one row may hold. ${why} Nothing was stored.`,
      this.line,
      quote ? quote.field : null,
      quote ? (this.header?.[quote.field] ?? null) : null,
    );
  }

  /** Reports a rejected row, and with row rules writes it to the COPY rows too. */
  private reject(out: CopyWriter, reject: RowReject): void {
    this.options.onReject(reject);
    if (!this.rules) return;
    const column = reject.column ?? (reject.field === null ? null : (this.header?.[reject.field] ?? null));
    out.rejectRow(reject.line, this.rules.columns.length, column, reject.value ?? null, reject.reason);
  }

  /**
   * Scans data from where the last chunk stopped (data starts with the unfinished row, if any). Each byte is
   * scanned once: an unfinished row is carried to the next chunk with its scan state, never scanned again.
   */
  private scan(data: Uint8Array, final: boolean): ScanResult {
    const n = data.length;
    // Rows end at a line feed, which is never inside a multi-byte character; bytes before utf8CheckedTo were checked.
    // Only the chunk's own bytes are searched for it: the carry's were searched before.
    const lastLineFeed = data.subarray(this.carriedBytes).lastIndexOf(LF);
    const checkedTo = final ? n : lastLineFeed < 0 ? this.utf8CheckedTo : this.carriedBytes + lastLineFeed + 1;
    this.checkUtf8(data, this.utf8CheckedTo, checkedTo);
    // Room for the new rows plus a line-number prefix; it grows if normalising needs more.
    const fresh = n - this.resumeAt;
    const out = new CopyWriter(fresh + 16 * (1 + Math.ceil(fresh / 32)) + 1);
    this.row.data = data;
    let rows = 0;
    let rowStart = 0;
    let i = this.resumeAt;
    let quoted = this.quoted;
    let fields = this.fields;
    let fieldStart = this.fieldStart;
    let oversized = this.oversized;
    let newlinesInRow = this.newlinesInRow;
    let capacity = this.row.starts.length;
    // Past this length a field is checked against both limits (a row is checked at its end).
    const checkFieldFrom = Math.min(this.maxFieldBytes, this.fieldLimitBytes);

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
      } else {
        // Inside quotes only a quote matters (and line feeds, for line numbers).
        let c = data[i];
        while (c !== QUOTE) {
          if (c === LF) newlinesInRow++;
          if (++i === n) break;
          c = data[i];
        }
        if (i === n) break;
      }
      const c = data[i];
      if (quoted) {
        // c is a quote: `""` is a literal quote, a lone one closes the quoted section.
        if (i + 1 < n && data[i + 1] === QUOTE) i += 2;
        else if (i + 1 >= n && !final) break; // need the next byte to decide
        else {
          quoted = false;
          i++;
        }
        continue;
      }
      if (c === QUOTE) {
        quoted = true;
        if (fields <= capacity) this.row.quoted[fields - 1] = 1;
        i++;
      } else if (c === COMMA) {
        if (i - fieldStart > checkFieldFrom) {
          if (oversized < 0 && i - fieldStart > this.maxFieldBytes) oversized = fields - 1;
          this.checkLimits(data, rowStart, fieldStart, i);
        }
        if (fields < capacity) {
          const r = this.row;
          r.ends[fields - 1] = i;
          r.starts[fields] = i + 1;
          r.quoted[fields] = 0;
        }
        fields++;
        fieldStart = i + 1;
        i++;
      } else {
        // A line feed.
        if (i - fieldStart > checkFieldFrom) {
          if (oversized < 0 && i - fieldStart > this.maxFieldBytes) oversized = fields - 1;
          this.checkLimits(data, rowStart, fieldStart, i);
        } else if (i - rowStart > this.rowLimitBytes) this.checkLimits(data, rowStart, fieldStart, i);
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
      }
    }

    // The end of this chunk is a checkpoint too: an unfinished row never grows past the limits, so memory stays bounded.
    this.checkLimits(data, rowStart, fieldStart, n);
    if (final) {
      if (quoted) {
        const open = this.locate(data, rowStart, n).quote ?? { line: this.line, field: 0 };
        throw new CsvFileError(
          `Line ${open.line}, ${this.fieldName(open.field)}: a quoted value is never closed (a " without its closing "). Nothing was stored.`,
          open.line,
          open.field,
          this.header?.[open.field] ?? null,
        );
      }
      if (rowStart < n) {
        if (n - fieldStart > this.maxFieldBytes && oversized < 0) oversized = fields - 1;
        finishRow(n, n);
      }
      this.carryLength = 0;
      this.carriedBytes = 0;
      this.resumeAt = 0;
      this.utf8CheckedTo = 0;
      return { copy: out.buf.subarray(0, out.o), rows };
    }
    // Carry the unfinished row, with its field positions made relative to its start.
    const left = n - rowStart;
    if (data.buffer === this.carry.buffer) {
      if (rowStart > 0) this.carry.copyWithin(0, rowStart, n);
    } else {
      if (left > this.carry.length) this.carry = new Uint8Array(Math.max(left, 2 * this.carry.length, 4096));
      this.carry.set(data.subarray(rowStart, n), 0);
    }
    this.carryLength = left;
    this.carriedBytes = left;
    if (rowStart > 0) {
      const r = this.row;
      const kept = Math.min(fields, r.starts.length);
      for (let k = 0; k < kept; k++) r.starts[k] -= rowStart;
      for (let k = 0; k < Math.min(fields - 1, kept); k++) r.ends[k] -= rowStart;
    }
    this.resumeAt = i - rowStart;
    this.utf8CheckedTo = Math.max(0, checkedTo - rowStart);
    this.quoted = quoted;
    this.fields = fields;
    this.fieldStart = fieldStart - rowStart;
    this.oversized = oversized;
    this.newlinesInRow = newlinesInRow;
    return { copy: out.buf.subarray(0, out.o), rows };
  }
}

/** A limit in bytes, in words: "65,536 bytes (64 KiB)". */
function formatLimit(bytes: number): string {
  const words = bytes % (1024 * 1024) === 0 ? ` (${bytes / (1024 * 1024)} MiB)` : bytes % 1024 === 0 ? ` (${bytes / 1024} KiB)` : '';
  return `${bytes.toLocaleString('en-US')} bytes${words}`;
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
