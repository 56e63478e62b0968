/**
 * A streaming CSV reader for agency extracts (RFC 4180: quoted fields with `""` inside, CRLF or LF, a UTF-8 byte
 * order mark at the start skipped). Text goes in by chunks; each complete row comes out with the physical line it
 * starts on. It holds one unfinished row at most, so memory stays flat however long the file. (The importer's
 * `CsvScanner` in libs/import-formats writes PostgreSQL COPY rows, not fields, so it does not fit here.)
 */
export interface CsvRowSink {
  (fields: string[], line: number): void;
}

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export class CsvRowReader {
  private pending = '';
  private line = 1;
  private started = false;

  constructor(private readonly sink: CsvRowSink) {}

  push(chunk: string): void {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    this.pending = text.slice(this.parse(text, false));
  }

  end(): void {
    const text = this.pending;
    this.pending = '';
    const used = this.parse(text, true);
    if (used < text.length) throw new CsvFormatError(`line ${this.line}: a quoted value is never closed (a " without its closing ")`, this.line);
  }

  /** Emits the complete rows of `text`; returns how much of it was used (the rest is an unfinished row). */
  private parse(text: string, final: boolean): number {
    const n = text.length;
    let rowStart = 0;
    let i = 0;
    while (rowStart < n) {
      const fields: string[] = [];
      let newlines = 0;
      i = rowStart;
      let complete = false;
      for (;;) {
        // One field from i.
        if (i < n && text.charCodeAt(i) === 34) {
          let value = '';
          let j = i + 1;
          let closed = false;
          while (j < n) {
            const q = text.indexOf('"', j);
            if (q < 0) break;
            value += text.slice(j, q);
            if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
              value += '"';
              j = q + 2;
            } else if (q + 1 >= n && !final) {
              break; // the next chunk says whether the quote is doubled
            } else {
              j = q + 1;
              closed = true;
              break;
            }
          }
          if (!closed) return rowStart;
          for (let k = i; k < j; k++) if (text.charCodeAt(k) === 10) newlines++;
          // Anything between the closing quote and the next comma or line end is kept, as PostgreSQL does.
          let end = j;
          while (end < n && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10) end++;
          value += text.slice(j, end);
          i = end;
          fields.push(value);
        } else {
          let end = i;
          while (end < n && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 10) end++;
          fields.push(text.slice(i, end));
          i = end;
        }
        if (i >= n) {
          if (!final) return rowStart;
          complete = true;
          break;
        }
        if (text.charCodeAt(i) === 44) {
          i++;
          if (i >= n && final) {
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        // A line feed ends the row.
        i++;
        complete = true;
        break;
      }
      if (!complete) return rowStart;
      const last = fields.length - 1;
      if (fields[last].endsWith('\r')) fields[last] = fields[last].slice(0, -1);
      const line = this.line;
      this.line += newlines + (text.charCodeAt(i - 1) === 10 ? 1 : 0);
      if (!(fields.length === 1 && fields[0] === '')) this.sink(fields, line);
      rowStart = i;
    }
    return rowStart;
  }
}
