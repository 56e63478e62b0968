import type { ReportDocument } from '@sra/contracts';
import { buildReportDocument } from './document';
import { reportTablesToCsv } from './csv';
import { mayCasesReport, mayReport } from './fixtures';

function doc(tables: ReportDocument['sections'][number]['tables'][]): ReportDocument {
  return {
    title: 't',
    month: '2022-05',
    edition: 'public',
    version: 1,
    status: 'draft',
    generatedAt: '2022-06-01T00:00:00Z',
    contentHash: 'x',
    suppressionThreshold: 11,
    sections: tables.map((t, i) => ({ id: `s${i}`, heading: `S${i}`, paragraphs: [], tables: t, charts: [] })),
  };
}

describe('reportTablesToCsv', () => {
  it('writes one file per table, named after its id, fields escaped as RFC 4180 says', () => {
    const files = reportTablesToCsv(
      doc([
        [
          {
            id: 'escapes',
            title: 'Escapes',
            columns: ['Name', 'Note, with comma', 'Count'],
            rows: [
              ['a,b', 'say "hi"', 12],
              ['line1\nline2', null, { suppressed: true, display: '<11' }],
              ['cr\rhere', 'plain', 0],
            ],
            notes: ['notes are not part of the file'],
          },
        ],
        [],
        [{ id: 'second', title: 'Second', columns: ['A'], rows: [] }],
      ]),
    );
    expect(files).toEqual([
      {
        name: 'escapes.csv',
        csv: 'Name,"Note, with comma",Count\r\n"a,b","say ""hi""",12\r\n"line1\nline2",,<11\r\n"cr\rhere",plain,0\r\n',
      },
      { name: 'second.csv', csv: 'A\r\n' },
    ]);
  });

  it('keeps a spreadsheet from running text as a formula; counts stay numbers, negative ones too', () => {
    const files = reportTablesToCsv(
      doc([[{ id: 'formulas', title: 'F', columns: ['=Name', 'Count'], rows: [['=HYPERLINK("x")', -3], ['+1', 0], ['@cmd', { suppressed: true, display: '<11' }], ['-3', 12], ['\t=1', null]] }]]),
    );
    expect(files[0]!.csv).toBe(`'=Name,Count\r\n"'=HYPERLINK(""x"")",-3\r\n'+1,0\r\n'@cmd,<11\r\n'-3,12\r\n'\t=1,\r\n`);
  });

  it('public edition: hidden counts read <11, rates "not shown"', () => {
    const files = reportTablesToCsv(buildReportDocument(mayReport(), { edition: 'public', version: 1, status: 'draft', generatedAt: 'g', contentHash: 'h' }));
    expect(files.map((f) => f.name)).toEqual([
      'summary-by-rule.csv',
      'summary-by-rule-and-agency.csv',
      'trend-by-month.csv',
      'by-district.csv',
      'by-category.csv',
      'flags-by-confidence-and-review.csv',
      'data-basis.csv',
      'batches-loaded.csv',
      'policies-in-force.csv',
    ]);
    expect(files[0]!.csv).toBe(
      'Rule,Eligible reports,Flagged reports,Compliance rate,Confirmed reports,Confirmed compliance rate,Flags\r\n' +
        'SFPD safe-reporting bulletin,40,<11,not shown,<11,not shown,<11\r\n' +
        'DA safe-reporting policy,40,0,100.0%,0,100.0%,0\r\n' +
        'Penal Code 647.3,25,12,52.0%,<11,not shown,<11\r\n',
    );
    const all = files.map((f) => f.csv).join('');
    for (const secret of ['220309876', '220301234', 'f-0001', 'f-0002']) expect(all).not.toContain(secret);
  });

  it('internal edition: the cases file, and file names with commas and quotes escaped', () => {
    const files = reportTablesToCsv(buildReportDocument(mayReport(), { edition: 'internal', version: 1, status: 'draft', generatedAt: 'g', contentHash: 'h' }));
    expect(files.map((f) => f.name)).toContain('flagged-cases.csv');
    expect(files.find((f) => f.name === 'batches-loaded.csv')!.csv).toBe(
      'Kind,File,Loaded at,Rows read,Inserted,Updated,Rejected\r\n' +
        'Arrests,"arrests ""final"".csv",2022-06-01 09:05 PDT,800,790,0,10\r\n' +
        'Incident reports,"incidents, May 2022.csv",2022-06-02 10:30 PDT,1200,1100,90,10\r\n',
    );
    // The case sentence has commas: one quoted field.
    expect(files.find((f) => f.name === 'flagged-cases.csv')!.csv.split('\r\n')[1]).toBe(
      'f-0002,Penal Code 647.3,Medium,SFSO,220309876,Arrest,2022-05-01,Unknown,Robbery,In review,' +
        '"Reported robbery (incident 220309876) as witness on 2022-04-30 10:00 PDT; arrested by SFSO on 2022-05-01 under another incident, 14 hours after the report, for PC 647(b); Penal Code 647.3 bars this arrest."',
    );
  });
});

describe('reportTablesToCsv: one row per case (issue 11)', () => {
  it('lists a case breaching two rules once, its rules and charges in one field each', () => {
    const files = reportTablesToCsv(buildReportDocument(mayCasesReport(), { edition: 'internal', version: 1, status: 'draft', generatedAt: 'g', contentHash: 'h' }));
    const lines = files.find((f) => f.name === 'flagged-cases.csv')!.csv.split('\r\n');
    expect(lines[0]).toBe('Case,Action,Charges,Rules breached (confidence),Reports it follows,"District, category",Review status,What happened');
    // Two cases (three flags): a header, two rows and the last line end.
    expect(lines).toHaveLength(4);
    expect(lines[2]!.startsWith('c-0001,Arrest by SFPD on 2022-05-03,"PC 647(b): prostitution, misdemeanor",SFPD safe-reporting bulletin (high); Penal Code 647.3 (high),220301234,"Mission, Assault",Confirmed violation,')).toBe(true);
  });
});
