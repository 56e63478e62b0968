/**
 * A small streaming CSV reader and writer for the DataSF pull: pages of the API's CSV are read record by record
 * (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, LF or CRLF) and written again aligned on one
 * header, every field quoted as the API writes it. Memory holds one unfinished record, never a page.
 */
export class CsvRecordReader {
  private readonly decoder = new TextDecoder('utf-8');
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** The character before, inside quotes: a quote that may be the first of a doubled one. */
  private quotePending = false;
  private started = false;
  private sawAny = false;

  /** The complete records in this chunk (and before it). */
  push(chunk: Uint8Array): string[][] {
    return this.read(this.decoder.decode(chunk, { stream: true }));
  }

  /** The last record, when the text does not end with a line break. */
  end(): string[][] {
    const out = this.read(this.decoder.decode());
    if (this.quotePending) {
      this.inQuotes = false;
      this.quotePending = false;
    }
    if (this.field !== '' || this.record.length > 0) {
      this.record.push(this.field);
      out.push(this.record);
    }
    this.field = '';
    this.record = [];
    return out;
  }

  private read(text: string): string[][] {
    const out: string[][] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    let field = this.field;
    for (; i < text.length; i++) {
      const c = text[i];
      if (this.quotePending) {
        this.quotePending = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === '"') this.quotePending = true;
        else field += c;
        continue;
      }
      if (c === '"') {
        this.inQuotes = true;
        this.sawAny = true;
      } else if (c === ',') {
        this.record.push(field);
        field = '';
      } else if (c === '\n') {
        this.record.push(field);
        field = '';
        // A blank line is no record.
        if (!(this.record.length === 1 && this.record[0] === '' && !this.sawAny)) out.push(this.record);
        this.record = [];
        this.sawAny = false;
      } else if (c !== '\r') {
        field += c;
        this.sawAny = true;
      }
    }
    this.field = field;
    return out;
  }
}

/** One CSV line, every field quoted (the API's own way), ending with a line break. */
export function quotedLine(fields: readonly string[]): string {
  return fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',') + '\n';
}
