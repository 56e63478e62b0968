import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { splitCsvRow } from '@sra/import-formats';

/**
 * A stand-in for DataSF's SODA API (DataSF cannot be reached from test machines): `GET /resource/wg3w-h783.csv`
 * serving rows in the API's CSV flavour (snake_case names, every field quoted, ISO datetimes without a zone,
 * WKT points, `data_as_of`/`data_loaded_at`, `:@computed_region_*` columns) and paging as the pull uses it:
 * `$order=row_id`, `$limit`, `$offset`, and `$where` of the forms `data_as_of > '…'` and `report_datetime >= '…'`.
 * Faults are set per `$offset`: fail once (a 503), fail always (the connection cut), or a page's own field set.
 */
export interface ApiRow {
  [column: string]: string;
}

export interface FakeRequest {
  offset: number;
  limit: number;
  order: string | null;
  where: string | null;
  status: number;
}

export class FakeDataSf {
  rows: ApiRow[];
  columns: string[];
  readonly requests: FakeRequest[] = [];
  /** Offsets answered 503 once (then served). */
  failOnce = new Set<number>();
  /** Offsets whose connection is cut every time (a network error). */
  failAlways = new Set<number>();
  /** A page's own columns, by offset (a column appearing, another gone, another order). */
  columnsAt = new Map<number, string[]>();
  private server: http.Server | null = null;
  baseUrl = '';

  constructor(rows: ApiRow[], columns: string[]) {
    this.rows = rows;
    this.columns = columns;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The rows a `$where` selects, in `row_id` order (row ids are all 11 digits: text order is number order). */
  selected(where: string | null): ApiRow[] {
    let rows = this.rows;
    if (where) {
      const m = /^(data_as_of|report_datetime) (>|>=) '([^']*)'$/.exec(where);
      if (!m) throw new Error(`unsupported $where ${where}`);
      const [, column, op, value] = m;
      rows = rows.filter((r) => (op === '>' ? r[column] > value : r[column] >= value));
    }
    return [...rows].sort((a, b) => (a.row_id < b.row_id ? -1 : a.row_id > b.row_id ? 1 : 0));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = url.searchParams;
    const offset = Number(q.get('$offset') ?? 0);
    const limit = Number(q.get('$limit') ?? 1000);
    const record = (status: number) => this.requests.push({ offset, limit, order: q.get('$order'), where: q.get('$where'), status });
    if (url.pathname !== '/resource/wg3w-h783.csv') {
      record(404);
      res.writeHead(404).end('{"error":true,"message":"not found"}');
      return;
    }
    if (this.failAlways.has(offset)) {
      record(0);
      req.socket.destroy();
      return;
    }
    if (this.failOnce.has(offset)) {
      this.failOnce.delete(offset);
      record(503);
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"message":"service unavailable"}');
      return;
    }
    record(200);
    const columns = this.columnsAt.get(offset) ?? this.columns;
    const page = this.selected(q.get('$where')).slice(offset, offset + limit);
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=UTF-8' });
    res.write(quoted(columns));
    // Written in pieces, as a real response arrives.
    for (let i = 0; i < page.length; i += 500) res.write(page.slice(i, i + 500).map((row) => quoted(columns.map((c) => row[c] ?? ''))).join(''));
    res.end();
  }
}

function quoted(fields: string[]): string {
  return fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',') + '\n';
}

/** `2018/12/01 12:25:00 AM` → `2018-12-01T00:25:00.000`; `2018/12/01` → `2018-12-01T00:00:00.000`. */
function isoOf(value: string): string {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})(?: (\d{2}):(\d{2}):(\d{2}) (AM|PM))?$/.exec(value);
  if (!m) throw new Error(`not a DataSF file datetime: ${value}`);
  const [, y, mo, d, h, mi, s, ampm] = m;
  if (!h) return `${y}-${mo}-${d}T00:00:00.000`;
  const hour = (Number(h) % 12) + (ampm === 'PM' ? 12 : 0);
  return `${y}-${mo}-${d}T${String(hour).padStart(2, '0')}:${mi}:${s}.000`;
}

export const FIRST_DATA_AS_OF = '2019-01-02T03:04:05.000';
export const COMPUTED_REGION = ':@computed_region_jwn9_ihcz';

/**
 * The December 2018 month as DataSF's API serves it: the file's columns snake_cased (`point` as WKT), datetimes in
 * ISO, `data_as_of` and `data_loaded_at` of one publication, and a computed region column (as the API adds).
 */
export function apiMonth(file: string): { rows: ApiRow[]; columns: string[] } {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const header = splitCsvRow(lines[0]);
  const names = header.map((h) => h.trim().toLowerCase().replace(/ /g, '_'));
  const datetimes = new Set(['incident_datetime', 'incident_date', 'report_datetime']);
  const rows = lines.slice(1).map((line) => {
    const values = splitCsvRow(line);
    const row: ApiRow = {};
    names.forEach((name, i) => {
      const v = values[i] ?? '';
      if (datetimes.has(name) && v) row[name] = isoOf(v);
      else if (name === 'point' && v) {
        const [lat, lon] = v.replace(/[()]/g, '').split(',').map((x) => x.trim());
        row[name] = `POINT (${lon} ${lat})`;
      } else row[name] = v;
    });
    row.data_as_of = FIRST_DATA_AS_OF;
    row.data_loaded_at = '2019-01-02T05:00:00.000';
    row[COMPUTED_REGION] = String(1 + (Number(row.row_id.slice(-2)) % 41));
    return row;
  });
  return { rows, columns: [...names, 'data_as_of', 'data_loaded_at', COMPUTED_REGION] };
}
