import { CASE_SENTENCE_1, CASE_SENTENCE_2, meetingFixture, SFPD_RULE } from './fixtures';
import { caseTitle, minutesToMarkdown } from './minutes';

describe('minutesToMarkdown', () => {
  it('writes attendees, notes, counts by decision and every case with its decision and note', () => {
    expect(minutesToMarkdown(meetingFixture(), { generatedAt: '2022-06-10T19:00:00Z' })).toBe(
      [
        '# Minutes: June review',
        '',
        '- Date: 2022-06-10',
        '- Meeting: held',
        '- Cases on the agenda: 3; decided in this meeting: 2',
        '- Minutes written: 2022-06-10 12:00 (San Francisco time)',
        '- Internal: these minutes identify cases by incident number. Do not share them outside the task force.',
        '',
        '## Attendees',
        '',
        '- A. Rivera (Chair)',
        '- SFPD liaison',
        '',
        '## Notes',
        '',
        'Reviewed the May cases.  ',
        '\\- follow up with the DA',
        '',
        '## Decisions',
        '',
        '- Confirmed violation: 1 case',
        '- Not a violation: 1 case',
        '- No decision: 1 case',
        '',
        // Each decided case in full, in the order decided (issue 14), titled by the case (its action, agency, date).
        '## Decided cases, in the order decided',
        '',
        '### 1. Arrest by SFPD on 2022-05-03',
        '',
        '- Incident number: 220301234',
        '- Date: 2022-05-03',
        '- Agency: SFPD',
        '- Rules: sfpd-psw-2017; ca-pc-647.3',
        '- Confidence: High',
        `- What happened: ${CASE_SENTENCE_1}`,
        '- Decision: Confirmed violation (A. Rivera, 2022-06-10 11:10)',
        '- Note: Arrest in the same incident, 40 minutes after the report.',
        '- Case: c-0001',
        '',
        '### 2. Arrest by SFSO on 2022-05-01',
        '',
        '- Incident number: 220309876',
        '- Date: 2022-05-01',
        '- Agency: SFSO',
        '- Rule: ca-pc-647.3',
        '- Confidence: Medium',
        `- What happened: ${CASE_SENTENCE_2}`,
        '- Decision: Not a violation (B. Chen, 2022-06-10 11:30)',
        '- Note: Different person; see the \\| arrest record',
        '- Case: c-0002',
        '',
        // The rest: a count and their references (an item of an agenda read before cases, with no report: its title).
        '## Not decided',
        '',
        '1 case on the agenda had no decision in this meeting (by incident number): Arrest or charge on 2022-05-09',
        '',
      ].join('\n'),
    );
  });

  it('lists every decision in the order taken, a later one on the same case marked as a correction', () => {
    const meeting = meetingFixture();
    meeting.decisions.push({ flagId: 'f-0001', status: 'in_review', note: 'Reopened: the times were wrong', correction: true, decidedAt: '2022-06-10T18:40:00Z', decidedBy: 'B. Chen' });
    meeting.agenda[1] = { ...meeting.agenda[1]!, decision: 'in_review', decisionNote: 'Reopened: the times were wrong' };
    const text = minutesToMarkdown(meeting, { generatedAt: '2022-06-10T19:00:00Z' });
    expect(text.match(/^### .*$/gm)).toEqual(['### 1. Arrest by SFPD on 2022-05-03', '### 2. Arrest by SFSO on 2022-05-01', '### 3. Arrest by SFPD on 2022-05-03 (correction of 1)']);
    expect(text).toContain('- Corrected decision (replaces decision 1): In review (B. Chen, 2022-06-10 11:40)\n- Note: Reopened: the times were wrong\n');
    // The counts go by each case's last decision.
    expect(text).toContain('## Decisions\n\n- In review: 1 case\n- Not a violation: 1 case\n- No decision: 1 case\n');
  });

  it('gives the undecided cases as one line of incident numbers', () => {
    const meeting = meetingFixture();
    const base = meeting.agenda[2]!;
    meeting.agenda = [
      ...meeting.agenda.slice(0, 2),
      ...Array.from({ length: 200 }, (_, i) => ({ ...base, flagId: `u-${i}`, position: 3 + i, reportIncidentNumbers: [`23${String(i).padStart(7, '0')}`] })),
    ];
    const text = minutesToMarkdown(meeting, { generatedAt: '2022-06-10T19:00:00Z' });
    const line = text.split('\n').find((l) => l.startsWith('200 cases on the agenda had no decision'))!;
    expect(line.split(': ')[1]!.split(', ')).toEqual(Array.from({ length: 200 }, (_, i) => `23${String(i).padStart(7, '0')}`));
    expect(text.match(/^### /gm)).toHaveLength(2);
  });

  it('a planned meeting with nobody recorded and nothing on the agenda', () => {
    const meeting = { ...meetingFixture(), status: 'planned' as const, attendees: [], notes: '  ', agenda: [], decisions: [], title: 'July *review*' };
    expect(minutesToMarkdown(meeting, { generatedAt: '2022-07-01T12:00:00Z' })).toBe(
      [
        '# Minutes: July \\*review\\*',
        '',
        '- Date: 2022-06-10',
        '- Meeting: planned, not yet held',
        '- Cases on the agenda: 0; decided in this meeting: 0',
        '- Minutes written: 2022-07-01 05:00 (San Francisco time)',
        '- Internal: these minutes identify cases by incident number. Do not share them outside the task force.',
        '',
        '## Attendees',
        '',
        'No attendees were recorded.',
        '',
        '## Notes',
        '',
        'No notes were taken.',
        '',
        '## Decisions',
        '',
        'The agenda was empty.',
        '',
        '## Decided cases, in the order decided',
        '',
        'No decision was taken in this meeting.',
        '',
        '## Not decided',
        '',
        'No case was on the agenda.',
        '',
      ].join('\n'),
    );
  });

  it('names rules by the titles given', () => {
    const text = minutesToMarkdown(meetingFixture(), { generatedAt: '2022-06-10T19:00:00Z', ruleTitles: { [SFPD_RULE]: 'SFPD bulletin' } });
    expect(text).toContain('- Rules: SFPD bulletin; ca-pc-647.3\n');
  });
});

describe('caseTitle', () => {
  it('names a case by its action, agency and day; an item without a case by its day', () => {
    expect(caseTitle({ actionType: 'da_decision', agency: 'SFDA', actionDate: '2024-03-21' })).toBe('DA decision to charge by SFDA on 2024-03-21');
    expect(caseTitle({ actionType: 'arrest', agency: 'SFPD', actionDate: '2024-03-05' })).toBe('Arrest by SFPD on 2024-03-05');
    expect(caseTitle({ actionDate: '2024-03-05' })).toBe('Arrest or charge on 2024-03-05');
  });
});
