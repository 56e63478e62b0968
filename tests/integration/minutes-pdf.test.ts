import type { MeetingAgendaItem, MeetingDetail } from '@sra/contracts';
import { renderMinutesPdf } from '../../apps/api/src/reports/pdf/minutes-pdf';
import { expectWellMadePdf } from '../support/files';

/*
 * The layout of the minutes PDF (issue 14) for a large meeting: 3 decisions and 200 cases left undecided. Only
 * layout properties are checked here (what the minutes say is the meetings tests' business): every page has
 * content, a running header and its number, fonts embedded, title and language declared, times with their zone.
 * The minutes of 2025-02-07 showed 118 pages, half of them blank, before.
 */
function item(n: number, decided: boolean): MeetingAgendaItem {
  const incident = String(250_000_000 + n);
  return {
    flagId: `f-${n}`,
    caseId: `c-${n}`,
    ruleIds: ['ca-pc-647.3'],
    actionType: 'arrest',
    agency: n % 2 === 0 ? 'SFPD' : 'SFSO',
    reportIncidentNumbers: [incident],
    position: n,
    addedByHand: false,
    decision: decided ? 'confirmed_violation' : null,
    decisionNote: decided ? 'Arrest in the same incident, an hour after the report; the charge is protected.' : null,
    decidedAt: decided ? '2025-02-07T19:30:00Z' : null,
    decidedBy: decided ? 'A. Rivera' : null,
    sentence: `Reported robbery (incident ${incident}) as victim on 2025-01-${String((n % 28) + 1).padStart(2, '0')} 21:00; arrested by SFPD in the same incident for PC 647(b); Penal Code 647.3 bars this arrest.`,
    confidence: 'high',
    ruleId: 'ca-pc-647.3',
    actionDate: '2025-01-20',
    reviewStatus: decided ? 'confirmed_violation' : 'new',
    reviewVersion: decided ? 2 : 1,
  };
}

describe('minutes PDF layout', () => {
  it('a meeting with 3 decisions and 200 undecided cases: no blank page, headers on content pages, well made', async () => {
    const meeting: MeetingDetail = {
      id: 'm-1',
      date: '2025-02-07',
      title: 'February review',
      status: 'held',
      attendees: [{ name: 'A. Rivera', role: 'Chair' }],
      notes: 'Quorum present.',
      createdBy: 'ann.analyst@example.org',
      createdAt: '2025-01-30T18:00:00Z',
      agendaSize: 203,
      decided: 3,
      agenda: Array.from({ length: 203 }, (_, i) => item(i + 1, i < 3)),
      decisions: [1, 2, 3].map((n) => ({
        flagId: `f-${n}`,
        status: 'confirmed_violation' as const,
        note: 'Arrest in the same incident, an hour after the report; the charge is protected.',
        correction: false,
        decidedAt: '2025-02-07T19:30:00Z',
        decidedBy: 'A. Rivera',
      })),
    };
    const pdf = await renderMinutesPdf(meeting, '2025-02-07T20:00:00Z', { 'ca-pc-647.3': 'Penal Code 647.3' });
    const read = await expectWellMadePdf(pdf, 'Minutes: February review', /^Minutes of 2025-02-07$/);
    const text = read.pages.join('\n');
    expect(text).toContain('2025-02-07 12:00 PST');
    // The 200 undecided cases are one list of incident numbers, each found whole (never broken across lines).
    for (let n = 4; n <= 203; n++) expect(text).toContain(String(250_000_000 + n));
  });
});
