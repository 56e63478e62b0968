import { REVIEW_STATUS_LABELS, type MeetingDetail, type ReviewStatus } from '@sra/contracts';
import { caseTitle, sfTimeZoned, withZone } from '@sra/reports';
import { footers, heading, newPdf, paragraph, table, title } from './pdf-layout';

/** A meeting's minutes as a PDF: attendees, every case on the agenda with its decision and note, the counts. */
export async function renderMinutesPdf(meeting: MeetingDetail, generatedAt: string, ruleTitles?: Record<string, string>): Promise<Buffer> {
  const { pdf, finish } = newPdf({ title: `Minutes: ${meeting.title}`, subject: `Review meeting of ${meeting.date}`, createdAt: generatedAt });
  title(pdf, `Minutes: ${meeting.title}`, 18);
  paragraph(pdf, `Meeting of ${meeting.date} · ${meeting.status === 'held' ? 'held' : 'planned'} · minutes generated ${sfTimeZoned(generatedAt)} (San Francisco time) · internal (case-level)`, {
    color: '#37474f',
  });
  heading(pdf, 'Attendees');
  paragraph(pdf, meeting.attendees.length === 0 ? 'None recorded.' : meeting.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join('; '));
  if (meeting.notes.trim() !== '') {
    heading(pdf, 'Notes');
    paragraph(pdf, meeting.notes);
  }
  heading(pdf, 'Decisions');
  const counts = new Map<string, number>();
  for (const item of meeting.agenda) {
    const key = item.decision ? REVIEW_STATUS_LABELS[item.decision as ReviewStatus] : 'Not decided';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  paragraph(pdf, `${meeting.agenda.length} cases on the agenda; ${[...counts].map(([k, n]) => `${k}: ${n}`).join('; ') || 'none'}.`);
  table(pdf, {
    id: 'decisions',
    title: 'Cases in agenda order',
    columns: ['#', 'Case', 'Rules', 'What happened', 'Decision', 'Note', 'By'],
    rows: meeting.agenda.map((item, i) => [
      i + 1,
      // Titled by the case (issue 11): its action, agency and day; the rules it breaches beside it.
      caseTitle(item),
      (item.ruleIds && item.ruleIds.length > 0 ? item.ruleIds : [item.ruleId]).map((r) => ruleTitles?.[r] ?? r).join('; '),
      withZone(item.sentence),
      item.decision ? REVIEW_STATUS_LABELS[item.decision as ReviewStatus] : 'Not decided',
      item.decisionNote ?? '',
      item.decidedBy ?? '',
    ]),
  });
  footers(pdf, `Minutes of ${meeting.date}`);
  return finish();
}
