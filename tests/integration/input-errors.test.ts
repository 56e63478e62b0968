import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Issue 13, Security 8: input that once reached PostgreSQL (or a recursive validator) and came back as a 500 is a
 * 400 whose message names the parameter at fault. The real app on its own database, signed in as an admin (who may
 * read every list below).
 */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['signedIn']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signedIn('admin');
});
afterAll(async () => t?.close());

/** Each list and the name of one of its date filters. */
const LISTS: Array<[string, string]> = [
  ['/api/users', ''],
  ['/api/audit-log', 'since'],
  ['/api/flags', 'until'],
  ['/api/cases', 'since'],
  ['/api/import-batches', 'since'],
  ['/api/incidents', 'reportFrom'],
  ['/api/arrests', 'since'],
  ['/api/meetings', 'from'],
];

/** Raw query strings (JSON as react-admin sends it), and what the message must say. */
const BAD_LIST_QUERIES: Array<[string, (dateFilter: string) => string, RegExp]> = [
  ['sort by constructor', () => 'sort=["constructor","ASC"]', /^sort: cannot sort by "constructor"/],
  ['sort by __proto__', () => 'sort=["__proto__","ASC"]', /^sort: cannot sort by "__proto__"/],
  ['sort by toString', () => 'sort=["toString","DESC"]', /^sort: cannot sort by "toString"/],
  ['a page of a trillion rows', () => 'range=[0,1e12]', /^range: a page holds at most 500 rows/],
  ['rows past exact JSON numbers', () => 'range=[1e20,1e20]', /^range must look like \[start,end\] with whole numbers from 0/],
  ['a negative row', () => 'range=[-5,0]', /^range must look like/],
  ['a filter named constructor', () => 'filter={"constructor":"x"}', /^cannot filter by "constructor"/],
  ['a filter named __proto__', () => 'filter={"__proto__":"x"}', /^cannot filter by "__proto__"/],
  ['a filter named hasOwnProperty', () => 'filter={"hasOwnProperty":"x"}', /^cannot filter by "hasOwnProperty"/],
  ['month 13, day 45', (f) => f && `filter={"${f}":"2024-13-45"}`, /^filter \w+: must be a date/],
  ['February 30', (f) => f && `filter={"${f}":"2024-02-30"}`, /^filter \w+: must be a date/],
  ['yesterday', (f) => f && `filter={"${f}":"yesterday"}`, /^filter \w+: must be a date/],
  ['a lone number', (f) => f && `filter={"${f}":"1"}`, /^filter \w+: must be a date/],
  ['words around a year', (f) => f && `filter={"${f}":"foo 2024"}`, /^filter \w+: must be a date/],
  ['year 0', (f) => f && `filter={"${f}":"0000-01-01"}`, /^filter \w+: must be a date/],
  ['hour 25', (f) => f && `filter={"${f}":"2024-01-01T25:00"}`, /^filter \w+: must be a date/],
  ['a NUL in the query string', () => 'sort=["id","ASC"]&x=a%00b', /^query parameter x cannot hold a NUL/],
];

describe.each(LISTS)('%s', (path, dateFilter) => {
  // A list without a date filter has no date cases.
  it.each(BAD_LIST_QUERIES.filter(([, query]) => query(dateFilter)))('refuses %s with a 400 naming it', async (_what, query, message) => {
    const q = query(dateFilter)!;
    const res = await admin.get(`${path}?${q.replace(/[[\]{}" ]/g, encodeURIComponent)}`);
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
  });
});

describe('text filters', () => {
  it('refuse a NUL character, naming the filter', async () => {
    const res = await admin.get('/api/audit-log').query({ filter: JSON.stringify({ actorEmail: 'a\u0000b' }) });
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: expect.stringMatching(/^filter actorEmail: cannot hold a NUL/) });
  });
});

describe.each(['/api/dashboard', '/api/measures'])('%s', (path) => {
  it.each([
    ['from=0000-01', /^from must be a month, YYYY-MM, from 1900-01/],
    ['to=0001-05', /^to must be a month, YYYY-MM, from 1900-01/],
    ['from=2024-13', /^from must be a month/],
    ['from=yesterday', /^from must be a month/],
    ['to=2024-1', /^to must be a month/],
    ['agency=SF%00PD', /^query parameter agency cannot hold a NUL/],
    ['district=a%00', /^query parameter district cannot hold a NUL/],
  ])('refuses %s with a 400 naming it', async (query, message) => {
    const res = await admin.get(`${path}?${query}`);
    expect(res.status).toBe(400);
    expect([res.body.message].flat().join('; ')).toMatch(message);
  });

  it('still answers a plain request', async () => {
    await admin.get(`${path}?from=2024-01&to=2024-06`).expect(200);
  });
});

describe('a report of month 0', () => {
  it('is refused, naming the month', async () => {
    const res = await admin.post('/api/reports').send({ month: '0000-01' });
    expect(res.status).toBe(400);
    expect([res.body.message].flat().join('; ')).toMatch(/^month must look like 2022-05 \(YYYY-MM\), from 1900-01/);
  });
});

describe('deeply nested JSON', () => {
  it.each([
    ['an array', `{"caseIds":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['an object', `{"note":"x","extra":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
  ])('in %s of a body, 10,000 deep, is refused with a 400 saying so', async (_what, body) => {
    const res = await admin.post('/api/reviews/bulk').set('content-type', 'application/json').send(body);
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: 'the body nests deeper than 32 levels' });
  });

  it('in a list filter (1,000 deep) is refused with a 400 naming the filter', async () => {
    // 1,000 deep: 10,000 would not fit in a request line (431).
    const deep = `{"id":${'['.repeat(1_000)}${']'.repeat(1_000)}}`;
    const res = await admin.get('/api/users').query({ filter: deep });
    expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: 'filter nests deeper than 32 levels' });
  });
});
