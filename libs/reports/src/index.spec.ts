import * as reports from './index';

describe('@sra/reports', () => {
  it('exports the document builder, CSV, minutes and canonical JSON', () => {
    expect(Object.keys(reports).sort()).toEqual(['buildReportDocument', 'canonicalJson', 'caseTitle', 'cellText', 'minutesModel', 'minutesToMarkdown', 'reportTablesToCsv', 'sfTimeZoned', 'withZone']);
  });
});
