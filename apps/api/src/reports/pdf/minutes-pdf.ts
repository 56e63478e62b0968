import { REVIEW_STATUS_LABELS, type MeetingDetail, type ReviewStatus } from '@sra/contracts';
import { caseTitle, minutesModel, sfTimeZoned } from '@sra/reports';
import { footers, heading, newPdf, paragraph, table, title } from './pdf-layout';

/** A meeting's minutes as a PDF: attendees, every decision in the order taken with its case, the undecided cases' incident numbers. */
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
  // The content (issue 14): every decision in the order taken, each case in full; the undecided as a count and their incident numbers.
  const model = minutesModel(meeting);
  heading(pdf, 'Decisions');
  const counts = [...model.counts.map((c) => `${c.label}: ${c.cases}`), ...(model.undecided.length ? [`Not decided: ${model.undecided.length}`] : [])];
  paragraph(pdf, `${model.agendaSize} cases on the agenda; ${counts.join('; ') || 'none'}.`);
  if (model.entries.length > 0) {
    table(pdf, {
      id: 'decisions',
      title: 'Decisions in the order taken',
      columns: ['#', 'Incident', 'Date', 'Agency', 'Rules', 'Decision', 'Note', 'By'],
      rows: model.entries.map(({ n, item, decision, corrects }) => [
        n,
        item.reportIncidentNumbers?.length ? item.reportIncidentNumbers.join(', ') : caseTitle(item),
        item.actionDate,
        item.agency ?? '',
        (item.ruleIds && item.ruleIds.length > 0 ? item.ruleIds : [item.ruleId]).map((r) => ruleTitles?.[r] ?? r).join('; '),
        `${REVIEW_STATUS_LABELS[decision.status as ReviewStatus] ?? decision.status}${corrects !== null ? ` (correction of ${corrects})` : ''}`,
        decision.note ?? '',
        decision.decidedBy,
      ]),
    });
  } else paragraph(pdf, 'No decision was taken in this meeting.');
  heading(pdf, 'Not decided');
  paragraph(
    pdf,
    model.undecided.length === 0
      ? 'Every case on the agenda was decided.'
      : `${model.undecided.length} cases had no decision in this meeting (by incident number): ${model.undecidedRefs.join(', ')}.`,
  );
  footers(pdf, `Minutes of ${meeting.date}`);
  return finish();
}
