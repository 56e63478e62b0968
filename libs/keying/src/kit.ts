import { analyseHeader, isPiiColumn, loadableCsvField } from '@sra/import-formats';
import { CsvRowReader } from './csv-rows';
import { parseDateOfBirth } from './date-of-birth';
import { normaliseGivenName } from './given-name';
import type { KeyedHash } from './keyed-hash';
import { KEY_COLUMNS, type KitConfig } from './kit-config';
import { formatLinkKeys, personKeys } from './person-keys';
import { normaliseSex } from './sex';
import { normaliseSurname } from './surname';

/** A row left out: where, and why, never what it held. */
export interface LeftOut {
  line: number;
  /** The extract's column at fault, when one is. */
  column: string | null;
  reason: string;
}

/** A problem that stops the whole run (the header), with where it is. */
export class KitInputError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

/** The import file's header for a config: the copied columns, then the person key and the tolerant keys. */
export function outputHeader(config: KitConfig): string[] {
  const keys = KEY_COLUMNS[config.kind];
  return [...config.columns.map(([target]) => target), keys.personKey, keys.linkKeys];
}

/**
 * The server's own header check on what the kit is about to write: no column that identifies people
 * (libs/import-formats pii.ts), and nothing else the server would refuse the file for (a required column missing,
 * one named twice). Returns the problems in the server's words; empty when the header loads.
 */
export function checkOutputHeader(config: KitConfig, header: readonly string[]): string[] {
  const problems = analyseHeader(config.kind, header).problems.map((p) => p.message);
  const pii = header.filter(isPiiColumn);
  if (pii.length > 0 && problems.length === 0) problems.push(`columns that identify people: ${pii.join(', ')}`);
  return problems;
}

export interface KeyingCounts {
  rowsRead: number;
  rowsWritten: number;
  rowsLeftOut: number;
}

/**
 * The kit's work, without I/O: extract text in by chunks, import file text out. The first row is the extract's
 * header; each row after it is keyed from its identity columns and written with the copied columns only. A row
 * whose identity cannot be keyed (no surname, no given name, a date of birth that is no date) or whose number of
 * fields is wrong is left out and reported by line and column through `onLeftOut`.
 */
export class KeyingTransform {
  readonly counts: KeyingCounts = { rowsRead: 0, rowsWritten: 0, rowsLeftOut: 0 };
  private readonly reader: CsvRowReader;
  private out: string[] = [];
  private width = 0;
  private at: { surname: number; given: number; dob: number; sex: number; copied: number[] } | null = null;

  constructor(
    private readonly config: KitConfig,
    private readonly hash: KeyedHash,
    private readonly onLeftOut: (row: LeftOut) => void,
  ) {
    const problems = checkOutputHeader(config, outputHeader(config));
    if (problems.length > 0) throw new KitInputError(`the import file's header would be refused: ${problems.join(' ')}`, null);
    this.reader = new CsvRowReader((fields, line) => (this.at ? this.row(fields, line) : this.header(fields)));
  }

  push(chunk: string): string {
    this.reader.push(chunk);
    return this.take();
  }

  end(): string {
    this.reader.end();
    if (!this.at) throw new KitInputError('the extract is empty: it has no header row', 1);
    return this.take();
  }

  private take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  private header(fields: string[]): void {
    const names = fields.map((f) => f.trim());
    const find = (column: string, what: string): number => {
      const i = names.indexOf(column.trim());
      if (i < 0) throw new KitInputError(`line 1: the extract has no column "${column}" (the config's ${what})`, 1);
      return i;
    };
    const id = this.config.identity;
    this.at = {
      surname: find(id.surname, 'identity.surname'),
      given: find(id.givenNames, 'identity.givenNames'),
      dob: find(id.dateOfBirth, 'identity.dateOfBirth'),
      sex: find(id.sex, 'identity.sex'),
      copied: this.config.columns.map(([target, source]) => find(source, `columns.${target}`)),
    };
    this.width = fields.length;
    this.out.push(`${outputHeader(this.config).map(loadableCsvField).join(',')}\n`);
  }

  private row(fields: string[], line: number): void {
    const at = this.at;
    if (!at) return;
    const id = this.config.identity;
    this.counts.rowsRead++;
    const leaveOut = (column: string | null, reason: string) => {
      this.counts.rowsLeftOut++;
      this.onLeftOut({ line, column, reason });
    };
    if (fields.length !== this.width) return leaveOut(null, `the row has ${fields.length} fields; the header has ${this.width}`);
    const surname = normaliseSurname(fields[at.surname]);
    if (!surname) return leaveOut(id.surname, 'the surname is empty');
    const given = normaliseGivenName(fields[at.given]);
    if (!given) return leaveOut(id.givenNames, 'the given name is empty');
    const dob = parseDateOfBirth(fields[at.dob], id.dateFormat);
    if (!dob.ok) return leaveOut(id.dateOfBirth, dob.reason);
    const keys = personKeys({ surname, given, dob: dob.date, sex: normaliseSex(fields[at.sex]) }, this.hash);
    let text = '';
    for (const i of at.copied) text += `${loadableCsvField(fields[i])},`;
    this.out.push(`${text}${keys.exact},${formatLinkKeys(keys.tolerant)}\n`);
    this.counts.rowsWritten++;
  }
}
