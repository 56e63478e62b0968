import { isPiiColumn, KINDS } from '@sra/import-formats';
import { DATE_FORMATS, type DateFormat } from './date-of-birth';

/** The import files the kit writes: the three that name a person. */
export const KIT_KINDS = ['incident-persons', 'arrests', 'da-decisions'] as const;
export type KitKind = (typeof KIT_KINDS)[number];

/** Each kind's person key column and tolerant keys column (contract of issue 16). */
export const KEY_COLUMNS: Record<KitKind, { personKey: string; linkKeys: string }> = {
  'incident-persons': { personKey: 'Person Key', linkKeys: 'Person Link Keys' },
  arrests: { personKey: 'person_key', linkKeys: 'person_link_keys' },
  'da-decisions': { personKey: 'person_key', linkKeys: 'person_link_keys' },
};

/**
 * The kit's config (docs/keying.md, "Config"): which import file to write, which of the extract's columns hold the
 * identity (read for the keys, never written), and which columns to copy under which import column name. Any
 * extract column not named in `columns` is dropped.
 */
export interface KitConfig {
  kind: KitKind;
  identity: {
    surname: string;
    givenNames: string;
    dateOfBirth: string;
    dateFormat: DateFormat;
    sex: string;
  };
  /** Import column name → extract column name, in the order they are written. */
  columns: Array<[string, string]>;
}

export class KitConfigError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed config file; every message names the field at fault. */
export function parseKitConfig(raw: unknown): KitConfig {
  if (!isRecord(raw)) throw new KitConfigError('the config must be a JSON object');
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(KIT_KINDS as readonly string[]).includes(kind)) {
    throw new KitConfigError(`"kind" must be one of ${KIT_KINDS.join(', ')}`);
  }
  const identity = raw.identity;
  if (!isRecord(identity)) throw new KitConfigError('"identity" must be an object naming the surname, givenNames, dateOfBirth and sex columns');
  const name = (field: string): string => {
    const v = identity[field];
    if (typeof v !== 'string' || v.trim() === '') throw new KitConfigError(`"identity.${field}" must name a column of the extract`);
    return v;
  };
  const dateFormat = identity.dateFormat ?? 'YYYY-MM-DD';
  if (typeof dateFormat !== 'string' || !(DATE_FORMATS as readonly string[]).includes(dateFormat)) {
    throw new KitConfigError(`"identity.dateFormat" must be one of ${DATE_FORMATS.join(', ')}`);
  }
  const ids = { surname: name('surname'), givenNames: name('givenNames'), dateOfBirth: name('dateOfBirth'), dateFormat: dateFormat as DateFormat, sex: name('sex') };

  if (!isRecord(raw.columns) || Object.keys(raw.columns).length === 0) {
    throw new KitConfigError('"columns" must be an object: import column name → extract column name');
  }
  const keyColumns = KEY_COLUMNS[kind as KitKind];
  const identityColumns = new Set([ids.surname, ids.givenNames, ids.dateOfBirth, ids.sex].map((c) => c.trim().toLowerCase()));
  const declared = new Set(KINDS[kind as KitKind].columns.map((c) => c.name));
  const columns: Array<[string, string]> = [];
  for (const [target, source] of Object.entries(raw.columns)) {
    if (typeof source !== 'string' || source.trim() === '') throw new KitConfigError(`"columns.${target}" must name a column of the extract`);
    if (target === keyColumns.personKey || target === keyColumns.linkKeys) {
      throw new KitConfigError(`"columns" must not name "${target}": the kit writes it`);
    }
    if (!declared.has(target)) {
      throw new KitConfigError(`"columns.${target}" is not a column of the ${kind} import file (see docs/ingest.md)`);
    }
    if (identityColumns.has(source.trim().toLowerCase()) || isPiiColumn(source)) {
      throw new KitConfigError(`"columns.${target}" would copy the extract's column "${source}", which identifies people: only keys may leave the agency`);
    }
    columns.push([target, source]);
  }
  return { kind: kind as KitKind, identity: ids, columns };
}
