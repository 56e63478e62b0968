import type { OutputColumn } from '@sra/import-formats';
import type { KindSql } from './kind-sql';

/**
 * The SQL of one load, built from a kind's spec and its row rules' columns:
 * the typed work table the COPY fills, the kind's own checks, duplicate keys,
 * rejects, history, update and insert. Only column names from the specs reach
 * the SQL text; every value is a parameter or comes from the file through COPY.
 */
export interface LoadSql {
  tables: WorkTables;
  createValid: string;
  copy: string;
  afterCopy: Array<{ sql: string; usesSecret: boolean; rejects: boolean }>;
  /** Marks every row whose key an earlier line already has (the first is kept). */
  markDuplicates: string;
  /**
   * The same, looking only at the candidate keys given as one text[] per key
   * column (`$1`...), as the file wrote them; a person key is keyed here
   * (the secret is the parameter after them).
   */
  markDuplicatesAmong: string;
  insertRejects: string;
  /** New rows and rows whose hash differs from the stored one's (a narrow join). */
  findMaybeChanged: string;
  /** Of those, the new rows and the rows whose values really differ (every column compared). */
  findChanged: string;
  history: string;
  update: string;
  insert: string;
  /** Every good row, into an empty table. */
  insertAll: string;
  chargeTexts: string | null;
  /** Incidents: records the codes of the file's good rows that the incident-code catalog does not know, with counts (`$1` the batch). */
  unknownCodes: string | null;
  /**
   * The first existing records (`$1` of them, in file order) the load would change, before it does: the key and,
   * per differing column, the stored and the new value. A person key is never given: in the key it is left out,
   * as a changed column (person_key, person_link_keys) it reads only `personKey: true`.
   */
  previewChanges: string;
  /** The record key holds a person key (left out of the preview's keys). */
  keyHasPersonKey: boolean;
  /** The first `$1` rejects, in file order. */
  previewRejects: string;
  dropWorkTables: string;
}

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The load's work tables: temporary (no WAL, never visible to another
 * session), dropped with the load's transaction whatever happens.
 */
export interface WorkTables {
  /** Every row of the file: line, typed values, and the reject (`{column, value, reason}`) or NULL. */
  valid: string;
  /** Lines that are new or whose stored record may differ (by hash). */
  maybeChanged: string;
  /** Lines that are new or whose stored record differs: compared once, used by history, update and insert. */
  changed: string;
}

export function workTables(batchId: string): WorkTables {
  const suffix = batchId.replace(/[^0-9a-f]/g, '').slice(0, 12);
  return { valid: `sra_load_valid_${suffix}`, maybeChanged: `sra_load_maybe_${suffix}`, changed: `sra_load_changed_${suffix}` };
}

function markDuplicates(spec: KindSql, valid: string, firstLines: string): string {
  const keyMatch = spec.key.map((k) => `v.${k} = d.${k}`).join(' AND ');
  return (
    `WITH d AS (${firstLines} GROUP BY ${spec.key.map((k) => k).join(', ')} HAVING count(*) > 1) ` +
    `UPDATE ${valid} v SET reject = ARRAY[${lit(spec.keyLabel)}, NULL, format(${lit(`the same ${spec.keyLabel} is also on line %s (the first one is kept)`)}, d.first_line)] ` +
    `FROM d WHERE ${keyMatch} AND v.line_no <> d.first_line AND v.reject IS NULL`
  );
}

export function buildLoadSql(kindName: string, spec: KindSql, columns: readonly OutputColumn[], tables: WorkTables): LoadSql {
  const finalNames = columns.filter((c) => !c.temp).map((c) => c.name);
  const valueNames = finalNames.filter((n) => n !== 'row_hash');
  // The person key and the tolerant keys are not in the row hash: compared on their own where they are not part of the key.
  const unhashedOutsideKey = ['person_key', 'person_link_keys'].filter((n) => finalNames.includes(n) && !spec.key.includes(n));
  const keyMatch = (a: string, b: string) => spec.key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const ok = 'v.reject IS NULL';
  const shownKey = spec.key.filter((k) => k !== 'person_key');
  // A changed column as the preview lists it; a person key says only that it changes.
  const columnChange = (n: string) =>
    n === 'person_key' || n === 'person_link_keys'
      ? `CASE WHEN t.${n} IS DISTINCT FROM v.${n} THEN jsonb_build_object('column', ${lit(n)}, 'from', NULL, 'to', NULL, 'personKey', true) END`
      : `CASE WHEN t.${n} IS DISTINCT FROM v.${n} THEN jsonb_build_object('column', ${lit(n)}, 'from', to_jsonb(t.${n}) #>> '{}', 'to', to_jsonb(v.${n}) #>> '{}') END`;
  const changed = `(${valueNames.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${valueNames.map((n) => `v.${n}`).join(', ')})`;

  return {
    tables,
    createValid: `CREATE TEMP TABLE ${tables.valid} (line_no integer NOT NULL${columns.map((c) => `, ${c.name} ${c.type}`).join('')}, reject text[]) ON COMMIT DROP`,
    copy: `COPY ${tables.valid} (line_no${columns.map((c) => `, ${c.name}`).join('')}, reject) FROM STDIN WITH (FORMAT csv)`,
    afterCopy: spec.afterCopy.map((step) => ({ sql: step.sql(tables.valid), usesSecret: step.usesSecret, rejects: step.rejects })),
    markDuplicates: markDuplicates(spec, tables.valid, `SELECT ${spec.key.join(', ')}, min(line_no) AS first_line FROM ${tables.valid} WHERE reject IS NULL`),
    markDuplicatesAmong: markDuplicates(
      spec,
      tables.valid,
      `SELECT ${spec.key.map((k) => `w.${k}`).join(', ')}, min(w.line_no) AS first_line FROM ${tables.valid} w ` +
        `JOIN (SELECT DISTINCT ${spec.key.map((k, i) => (k === 'person_key' ? `encode(hmac(c.k${i}, $${spec.key.length + 1}::text, 'sha256'), 'hex')` : `c.k${i}`) + ` AS ${k}`).join(', ')} ` +
        `FROM unnest(${spec.key.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS c(${spec.key.map((_, i) => `k${i}`).join(', ')})) c ` +
        `USING (${spec.key.join(', ')}) WHERE w.reject IS NULL`,
    ),
    insertRejects: `INSERT INTO import_reject (batch_id, line, column_name, value, reason) SELECT $1, line_no, reject[1], reject[2], reject[3] FROM ${tables.valid} WHERE reject IS NOT NULL`,
    findMaybeChanged:
      `CREATE TEMP TABLE ${tables.maybeChanged} ON COMMIT DROP AS SELECT v.line_no, t.${spec.key[0]} IS NULL AS is_new FROM ${tables.valid} v ` +
      `LEFT JOIN ${spec.table} t ON ${keyMatch('t', 'v')} WHERE ${ok} AND (t.${spec.key[0]} IS NULL OR t.row_hash IS DISTINCT FROM v.row_hash` +
      `${unhashedOutsideKey.map((n) => ` OR t.${n} IS DISTINCT FROM v.${n}`).join('')})`,
    // A differing hash is only a hint (another spelling of the same values): every column decides.
    findChanged:
      `CREATE TEMP TABLE ${tables.changed} ON COMMIT DROP AS SELECT m.line_no, m.is_new FROM ${tables.maybeChanged} m JOIN ${tables.valid} v USING (line_no) ` +
      `LEFT JOIN ${spec.table} t ON ${keyMatch('t', 'v')} WHERE m.is_new OR ${changed}`,
    history:
      `INSERT INTO record_history (record_kind, record_key, batch_id, replaced_by_batch, old_values) ` +
      `SELECT ${lit(kindName)}, ${spec.key.map((k) => `t.${k}`).join(` || '|' || `)}, t.batch_id, $1, to_jsonb(t) - 'row_hash' ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) JOIN ${spec.table} t ON ${keyMatch('t', 'v')} WHERE NOT c.is_new`,
    update:
      `UPDATE ${spec.table} t SET ${finalNames.map((n) => `${n} = v.${n}`).join(', ')}, batch_id = $1, updated_at = now() ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) WHERE NOT c.is_new AND ${keyMatch('t', 'v')}`,
    insert:
      `INSERT INTO ${spec.table} (${finalNames.join(', ')}, batch_id) SELECT ${finalNames.map((n) => `v.${n}`).join(', ')}, $1 ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) WHERE c.is_new`,
    insertAll: `INSERT INTO ${spec.table} (${finalNames.join(', ')}, batch_id) SELECT ${finalNames.map((n) => `v.${n}`).join(', ')}, $1 FROM ${tables.valid} v WHERE ${ok}`,
    chargeTexts: spec.chargeColumns
      ? `SELECT DISTINCT x.raw FROM ${tables.valid} v CROSS JOIN LATERAL (VALUES ${spec.chargeColumns.map((c) => `(v.${c})`).join(', ')}) AS x(raw) ` +
        `WHERE v.reject IS NULL AND x.raw IS NOT NULL AND NOT EXISTS (SELECT 1 FROM charge_list c WHERE c.raw = x.raw)`
      : null,
    unknownCodes:
      spec.table === 'incident_report_row'
        ? `INSERT INTO import_batch_unknown_code (batch_id, code, rows, description) ` +
          `SELECT $1, v.incident_code, count(*), min(v.incident_description) FROM ${tables.valid} v ` +
          `WHERE v.reject IS NULL AND NOT EXISTS (SELECT 1 FROM incident_code c WHERE c.code = v.incident_code) GROUP BY v.incident_code`
        : null,
    previewChanges:
      `SELECT v.line_no AS line, jsonb_build_object(${shownKey.map((k) => `${lit(k)}, t.${k}::text`).join(', ')}) AS key, ` +
      `to_jsonb(array_remove(ARRAY[${valueNames.map((n) => columnChange(n)).join(', ')}]::jsonb[], NULL)) AS changes ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) JOIN ${spec.table} t ON ${keyMatch('t', 'v')} WHERE NOT c.is_new ORDER BY v.line_no LIMIT $1`,
    keyHasPersonKey: spec.key.includes('person_key'),
    previewRejects: `SELECT line_no AS line, reject[1] AS "column", reject[2] AS value, reject[3] AS reason FROM ${tables.valid} WHERE reject IS NOT NULL ORDER BY line_no LIMIT $1`,
    dropWorkTables: `DROP TABLE IF EXISTS ${tables.valid}, ${tables.maybeChanged}, ${tables.changed}`,
  };
}
