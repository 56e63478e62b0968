/**
 * One scanned CSV row as the row rules see it (field positions in the
 * scanner's buffer, no strings), and the writer of the COPY row they produce.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;

export class CsvRow {
  data: Uint8Array = new Uint8Array(0);
  /** Field k is data[starts[k], ends[k]); `quoted[k]` when it holds a quote character. */
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  count = 0;
  private scratch = new Uint8Array(256);
  /** Where content() left the field's bytes: `content()` returns the buffer; these are the bounds. */
  s = 0;
  e = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.quoted = new Uint8Array(capacity);
  }

  /**
   * The field's value, unquoted, as bytes: returns the buffer and sets `s` and
   * `e`. A field without quotes is read in place.
   */
  content(k: number): Uint8Array {
    const start = this.starts[k];
    const end = this.ends[k];
    if (this.quoted[k] === 0) {
      this.s = start;
      this.e = end;
      return this.data;
    }
    if (this.scratch.length < end - start) this.scratch = new Uint8Array(end - start);
    let n = 0;
    let inQuotes = false;
    for (let i = start; i < end; i++) {
      const c = this.data[i];
      if (c === QUOTE) {
        if (inQuotes && i + 1 < end && this.data[i + 1] === QUOTE) {
          this.scratch[n++] = QUOTE;
          i++;
        } else inQuotes = !inQuotes;
      } else this.scratch[n++] = c;
    }
    this.s = 0;
    this.e = n;
    return this.scratch;
  }

  /** The field's value as text (for messages and small normalisations). */
  text(k: number): string {
    const b = this.content(k);
    return new TextDecoder().decode(b.subarray(this.s, this.e));
  }

  /** True when the column is absent (k < 0) or the value is empty (quoted or not). */
  isEmpty(k: number): boolean {
    if (k < 0) return true;
    if (this.ends[k] === this.starts[k]) return true;
    if (this.quoted[k] === 0) return false;
    this.content(k);
    return this.e === this.s;
  }
}

/** The COPY rows of one scanned chunk: `<line>,<field>,...\n`, growing as needed. */
export class CopyWriter {
  buf: Uint8Array;
  o = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(capacity, 1024));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.o + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.o + n));
    next.set(this.buf.subarray(0, this.o));
    this.buf = next;
  }

  comma(): void {
    this.buf[this.o++] = COMMA;
  }

  newline(): void {
    this.buf[this.o++] = LF;
  }

  /** A non-negative integer (the line number): digits by hand, as String() would allocate for every row. */
  integer(n: number): void {
    const start = this.o;
    do {
      const next = Math.floor(n / 10);
      this.buf[this.o++] = 48 + (n - next * 10);
      n = next;
    } while (n > 0);
    this.buf.subarray(start, this.o).reverse();
  }

  /**
   * A signed 53-bit integer from two 32-bit hashes (21 bits of the first,
   * all of the second), exactly representable in a JavaScript number.
   */
  integer53(high: number, low: number): void {
    const value = (high >> 11) * 4294967296 + (low >>> 0);
    if (value < 0) this.buf[this.o++] = 0x2d;
    this.integer(Math.abs(value));
  }

  /** The field exactly as the file wrote it (quotes included; COPY reads them the same way); empty stays NULL. */
  field(row: CsvRow, k: number): void {
    if (k < 0) return;
    const start = row.starts[k];
    const end = row.ends[k];
    if (end === start) return;
    if (row.quoted[k] !== 0 && row.isEmpty(k)) return;
    this.plain(row.data, start, end);
  }

  /** Bytes known to need no quoting (digits, dates, identifiers). */
  plain(src: Uint8Array, s: number, e: number): void {
    // Most values are short, and a loop beats making a view of each.
    if (e - s > 48) {
      this.buf.set(src.subarray(s, e), this.o);
      this.o += e - s;
      return;
    }
    const buf = this.buf;
    let o = this.o;
    for (let i = s; i < e; i++) buf[o++] = src[i];
    this.o = o;
  }

  /** Text of any content, quoted when it must be. */
  text(value: string): void {
    if (value.length > 0 && value.length < 64 && /^[\x20-\x7e]+$/.test(value) && !/[",]/.test(value)) {
      this.reserve(value.length);
      for (let i = 0; i < value.length; i++) this.buf[this.o++] = value.charCodeAt(i);
      return;
    }
    const bytes = new TextEncoder().encode(value);
    const needsQuotes = value === '' || /[",\r\n]/.test(value);
    this.reserve(bytes.length * 2 + 2);
    if (!needsQuotes) {
      this.buf.set(bytes, this.o);
      this.o += bytes.length;
      return;
    }
    this.buf[this.o++] = QUOTE;
    for (const b of bytes) {
      if (b === QUOTE) this.buf[this.o++] = QUOTE;
      this.buf[this.o++] = b;
    }
    this.buf[this.o++] = QUOTE;
  }

  /**
   * A rejected row: its line, empty values, and the reject as a PostgreSQL
   * array `{column, value, reason}` in the last field, so rejects travel
   * with the rows and nothing is held in memory.
   */
  rejectRow(line: number, columns: number, column: string | null, value: string | null, reason: string): void {
    const element = (e: string | null) => (e === null ? 'NULL' : `"${e.replace(/[\\"]/g, '\\$&')}"`);
    this.reserve(columns + 16);
    this.integer(line);
    for (let k = 0; k < columns; k++) this.comma();
    this.comma();
    this.text(`{${element(column)},${element(value)},${element(reason)}}`);
    this.newline();
  }
}
