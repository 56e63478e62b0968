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
        '## Cases',
        '',
        // Titled by the case (its action, agency, date), its two rules listed.
        '### 1. Arrest by SFPD on 2022-05-03',
        '',
        '- Rules: sfpd-psw-2017; ca-pc-647.3',
        '- Confidence: High',
        '- Reports it follows: 220301234',
        '- Case: c-0001',
        `- What happened: ${CASE_SENTENCE_1}`,
        '- On the agenda: by the agenda rule',
        '- Decision: Confirmed violation (A. Rivera, 2022-06-10 11:10)',
        '- Note: Arrest in the same incident, 40 minutes after the report.',
        '- Review status now: Confirmed violation',
        '',
        '### 2. Arrest by SFSO on 2022-05-01',
        '',
        '- Rule: ca-pc-647.3',
        '- Confidence: Medium',
        '- Reports it follows: 220309876',
        '- Case: c-0002',
        `- What happened: ${CASE_SENTENCE_2}`,
        '- On the agenda: added by hand',
        '- Decision: Not a violation (B. Chen, 2022-06-10 11:30)',
        '- Note: Different person; see the \\| arrest record',
        '- Review status now: Not a violation',
        '',
        // An item of an agenda read before cases: titled by its day, its flag named below.
        '### 3. Arrest or charge on 2022-05-09',
        '',
        '- Rule: sfpd-psw-2017',
        '- Confidence: Medium',
        '- Flag: f-0003',
        '- What happened: Reported stalking (incident 220312345) as victim on 2022-05-09 08:00; arrested by SFPD 2022-05-09 12:00 in the same incident for PC 653.22; SFPD bulletin bars this arrest.',
        '- On the agenda: by the agenda rule',
        '- Decision: none in this meeting',
        '- Review status now: New',
        '',
      ].join('\n'),
    );
  });

  it('counts several cases with the same decision together', () => {
    const meeting = meetingFixture();
    meeting.agenda[2] = { ...meeting.agenda[2]!, decision: 'confirmed_violation', decisionNote: null, decidedAt: null, decidedBy: null };
    const text = minutesToMarkdown(meeting, { generatedAt: '2022-06-10T19:00:00Z' });
    expect(text).toContain('## Decisions\n\n- Confirmed violation: 2 cases\n- Not a violation: 1 case\n\n## Cases');
    // A decision without who and when, and without a note.
    expect(text).toContain('- Decision: Confirmed violation\n- Review status now: New');
  });

  it('a planned meeting with nobody recorded and nothing on the agenda', () => {
    const meeting = { ...meetingFixture(), status: 'planned' as const, attendees: [], notes: '  ', agenda: [], title: 'July *review*' };
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
        '## Cases',
        '',
        'No cases.',
        '',
      ].join('\n'),
    );
  });

  it('names rules by the titles given', () => {
    const text = minutesToMarkdown(meetingFixture(), { generatedAt: '2022-06-10T19:00:00Z', ruleTitles: { [SFPD_RULE]: 'SFPD bulletin' } });
    expect(text).toContain('### 1. Arrest by SFPD on 2022-05-03\n\n- Rules: SFPD bulletin; ca-pc-647.3\n');
  });
});

describe('caseTitle', () => {
  it('names a case by its action, agency and day; an item without a case by its day', () => {
    expect(caseTitle({ actionType: 'da_decision', agency: 'SFDA', actionDate: '2024-03-21' })).toBe('DA decision to charge by SFDA on 2024-03-21');
    expect(caseTitle({ actionType: 'arrest', agency: 'SFPD', actionDate: '2024-03-05' })).toBe('Arrest by SFPD on 2024-03-05');
    expect(caseTitle({ actionDate: '2024-03-05' })).toBe('Arrest or charge on 2024-03-05');
  });
});
