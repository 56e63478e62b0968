import type { KindSql } from './kind-sql';

/**
 * The SQL of one load, built from a kind's spec and the file's column layout:
 * staging table, validation into a typed table `v` (with the first reason a row
 * is rejected), duplicate keys, rejects, history, update and insert. Only
 * column names from the spec and generated positional names reach the SQL text;
 * every value is a parameter or comes from the staged file through COPY.
 */
export interface LoadSql {
  tables: WorkTables;
  findChanged: string;
  dropWorkTables: string;
  createStaging: string;
  copy: string;
  /** Validation that checks every value before converting it: never fails on bad data. */
  validate: string;
  /**
   * The same, converting shapes without the per-value validity checks: about
   * twice as fast, and right on clean data; on a conversion error (a 30th of
   * February, say) the load falls back to `validate`.
   */
  validateOptimistic: string;
  markDuplicates: string;
  insertRejects: string;
  counts: string;
  history: string;
  update: string;
  insert: string;
  chargeTexts: string | null;
}

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The load's two work tables: temporary (no WAL, never visible to another
 * session), dropped with the load's transaction whatever happens.
 */
export interface WorkTables {
  staging: string;
  valid: string;
  /** Lines whose record exists with other values: compared once, used by history and update. */
  changed: string;
}

export function workTables(batchId: string): WorkTables {
  const suffix = batchId.replace(/[^0-9a-f]/g, '').slice(0, 12);
  return { staging: `sra_load_staging_${suffix}`, valid: `sra_load_valid_${suffix}`, changed: `sra_load_changed_${suffix}` };
}

export function buildLoadSql(kindName: string, spec: KindSql, fileColumnCount: number, columnIndex: ReadonlyMap<string, number>, tables: WorkTables): LoadSql {
  const rawName = (column: string) => {
    const index = columnIndex.get(column);
    return index === undefined ? 'NULL::text' : `r${index}`;
  };
  const staged = Array.from({ length: fileColumnCount }, (_, i) => `c${i}`);
  const rawColumns = [...new Set(columnIndex.values())].sort((a, b) => a - b);

  const temp = spec.fields.filter((f) => f.temp);
  const final = spec.fields.filter((f) => !f.temp);
  const finalNames = final.map((f) => f.name);

  // `OFFSET 0` keeps each level a separate step, so a value computed below is
  // computed once per row instead of being re-expanded at every use above.
  const level1 = `SELECT line_no${rawColumns.map((i) => `, nullif(c${i}, '') AS r${i}`).join('')} FROM ${tables.staging} OFFSET 0`;
  const level2 = `SELECT t1.*${temp.map((f) => `, ${f.expr(rawName)} AS ${f.name}`).join('')} FROM (${level1}) t1 OFFSET 0`;
  const level3 = `SELECT t2.*${final.map((f) => `, ${f.expr(rawName)} AS ${f.name}`).join('')} FROM (${level2}) t2 OFFSET 0`;
  const reject =
    spec.checks.length === 0
      ? 'NULL::text[]'
      : `CASE ${spec.checks
          .map((c) => `WHEN ${c.when(rawName)} THEN ARRAY[${lit(c.column)}, (${c.value ? c.value(rawName) : 'NULL'})::text, (${c.reason(rawName)})::text]`)
          .join(' ')} END`;
  const level4 = `SELECT t3.*, ${reject} AS reject FROM (${level3}) t3`;

  const keyMatch = (a: string, b: string) => spec.key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const ok = 'v.reject IS NULL';
  const changed = `(${finalNames.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${finalNames.map((n) => `v.${n}`).join(', ')})`;
  const validate = `CREATE TEMP TABLE ${tables.valid} ON COMMIT DROP AS SELECT line_no, ${finalNames.join(', ')}, reject FROM (${level4}) t4`;

  return {
    tables,
    dropWorkTables: `DROP TABLE IF EXISTS ${tables.staging}, ${tables.valid}, ${tables.changed}`,
    findChanged:
      `CREATE TEMP TABLE ${tables.changed} ON COMMIT DROP AS SELECT v.line_no FROM ${tables.valid} v JOIN ${spec.table} t ON ${keyMatch('t', 'v')} ` +
      `WHERE ${ok} AND ${changed}`,
    createStaging: `CREATE TEMP TABLE ${tables.staging} (line_no integer NOT NULL${staged.map((c) => `, ${c} text`).join('')}) ON COMMIT DROP`,
    copy: `COPY ${tables.staging} (line_no${staged.map((c) => `, ${c}`).join('')}) FROM STDIN WITH (FORMAT csv)`,
    validate,
    validateOptimistic: withoutValidityChecks(validate),
    markDuplicates:
      `WITH d AS (SELECT ${spec.key.join(', ')}, min(line_no) AS first_line FROM ${tables.valid} WHERE reject IS NULL GROUP BY ${spec.key.join(', ')} HAVING count(*) > 1) ` +
      `UPDATE ${tables.valid} v SET reject = ARRAY[${lit(spec.keyLabel)}, NULL, format(${lit(`the same ${spec.keyLabel} is also on line %s (the first one is kept)`)}, d.first_line)] ` +
      `FROM d WHERE ${keyMatch('v', 'd')} AND v.line_no <> d.first_line AND v.reject IS NULL`,
    insertRejects: `INSERT INTO import_reject (batch_id, line, column_name, value, reason) SELECT $1, line_no, reject[1], left(reject[2], 200), reject[3] FROM ${tables.valid} WHERE reject IS NOT NULL`,
    counts: `SELECT count(*) FILTER (WHERE reject IS NULL)::int AS good, count(*) FILTER (WHERE reject IS NOT NULL)::int AS rejected FROM ${tables.valid}`,
    history:
      `INSERT INTO record_history (record_kind, record_key, batch_id, replaced_by_batch, old_values) ` +
      `SELECT ${lit(kindName)}, ${spec.key.map((k) => `t.${k}`).join(` || '|' || `)}, t.batch_id, $1, to_jsonb(t) ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) JOIN ${spec.table} t ON ${keyMatch('t', 'v')}`,
    update:
      `UPDATE ${spec.table} t SET ${finalNames.map((n) => `${n} = v.${n}`).join(', ')}, batch_id = $1, updated_at = now() ` +
      `FROM ${tables.changed} c JOIN ${tables.valid} v USING (line_no) WHERE ${keyMatch('t', 'v')}`,
    insert:
      `INSERT INTO ${spec.table} (${finalNames.join(', ')}, batch_id) SELECT ${finalNames.map((n) => `v.${n}`).join(', ')}, $1 FROM ${tables.valid} v ` +
      `WHERE ${ok} AND NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE ${keyMatch('t', 'v')})`,
    chargeTexts: spec.chargeColumns
      ? `SELECT DISTINCT x.raw FROM ${tables.valid} v CROSS JOIN LATERAL (VALUES ${spec.chargeColumns.map((c) => `(v.${c})`).join(', ')}) AS x(raw) ` +
        `WHERE v.reject IS NULL AND x.raw IS NOT NULL AND NOT EXISTS (SELECT 1 FROM charge_list c WHERE c.raw = x.raw)`
      : null,
  };
}

/** Drops the `pg_input_is_valid(...)` guards (one level of nested parentheses inside). */
export function withoutValidityChecks(sql: string): string {
  return sql.replace(/pg_input_is_valid\((?:[^()]|\([^()]*\))*\)/g, 'true');
}
