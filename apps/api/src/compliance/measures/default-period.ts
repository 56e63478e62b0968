import type { DataSource } from 'typeorm';

/** `YYYY-MM` moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The current month (`YYYY-MM`) in San Francisco, where months of report are counted. */
export function currentMonthInSanFrancisco(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/**
 * The default period of the dashboard and /api/measures (issue 11): the 12 complete calendar months (months that
 * ended before today, San Francisco time) up to the latest complete month that holds an eligible report. Rows dated
 * in the current month or later (stray future dates) never move it. With no eligible report in a complete month,
 * the 12 months up to last month.
 */
export async function defaultPeriod(db: DataSource, currentMonth = currentMonthInSanFrancisco()): Promise<{ from: string; to: string }> {
  const [{ month }]: Array<{ month: string | null }> = await db.query(
    `SELECT to_char(max(report_month), 'YYYY-MM') AS month FROM eligible_report WHERE report_month < $1::date`,
    [`${currentMonth}-01`],
  );
  const to = month ?? shiftMonth(currentMonth, -1);
  return { from: shiftMonth(to, -11), to };
}

/** The first and last report date (San Francisco time, `YYYY-MM-DD`) of the loaded incident rows; null when none. */
export async function loadedReportRange(db: DataSource): Promise<{ firstReport: string; lastReport: string } | null> {
  const [row]: Array<{ firstReport: string | null; lastReport: string | null }> = await db.query(
    `SELECT to_char(min(report_datetime) AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD') AS "firstReport",
            to_char(max(report_datetime) AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD') AS "lastReport"
       FROM incident_report_row`,
  );
  return row.firstReport && row.lastReport ? { firstReport: row.firstReport, lastReport: row.lastReport } : null;
}
