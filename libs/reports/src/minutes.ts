/**
 * A review meeting's minutes as Markdown (issue 7): who attended, the notes, and what was decided on each case on
 * the agenda, each case titled by its action (never by an id). Minutes are internal: they carry case ids and
 * sentences (which name incident numbers), never a person key. Deterministic: the caller gives the time the minutes were written.
 */
import { REVIEW_STATUSES, type MeetingAgendaItem, type MeetingDecisionRecord, type MeetingDetail } from '@sra/contracts';
import { actionLabel, compareText, confidenceLabel, plural, reviewStatusLabel, sfTime } from './format';

export interface MinutesOptions {
  generatedAt: string;
  /** Names to use for rules, by rule id; otherwise the rule id. */
  ruleTitles?: Record<string, string>;
}

/** One decision of the meeting, with its case; a correction names the decision it changes (its number in the minutes). */
export interface MinutesEntry {
  n: number;
  item: MeetingAgendaItem;
  decision: MeetingDecisionRecord;
  /** The number of the earlier decision on this case that this one corrects, or null. */
  corrects: number | null;
}

/**
 * What the minutes say, for the Markdown and the PDF alike (issue 14): every decision taken in the meeting in the
 * order taken (a later one on the same case marked as a correction), each case in full; the cases not decided only
 * counted, with their incident numbers.
 */
export interface MinutesModel {
  agendaSize: number;
  entries: MinutesEntry[];
  /** By last decision of each decided case, in the order of the review statuses. */
  counts: Array<{ status: string; label: string; cases: number }>;
  undecided: MeetingAgendaItem[];
  /** One reference per undecided case: its report's incident number(s), or its title when it follows none. */
  undecidedRefs: string[];
}

export function minutesModel(meeting: MeetingDetail): MinutesModel {
  const agenda = [...meeting.agenda].sort((a, b) => a.position - b.position || compareText(a.flagId, b.flagId));
  const byFlag = new Map(agenda.map((item) => [item.flagId, item]));
  // Decisions as taken; an agenda of an older server (no history) gives each decided case's last one.
  const history: MeetingDecisionRecord[] =
    meeting.decisions.length > 0 || agenda.every((item) => item.decision === null)
      ? meeting.decisions
      : agenda
          .filter((item) => item.decision !== null)
          .map((item) => ({
            flagId: item.flagId,
            status: item.decision as MeetingDecisionRecord['status'],
            note: item.decisionNote,
            correction: false,
            decidedAt: item.decidedAt ?? '',
            decidedBy: item.decidedBy ?? '',
          }));
  const lastNumber = new Map<string, number>();
  const entries: MinutesEntry[] = [];
  for (const decision of history) {
    const item = byFlag.get(decision.flagId);
    if (!item) continue;
    const n = entries.length + 1;
    entries.push({ n, item, decision, corrects: lastNumber.get(decision.flagId) ?? null });
    lastNumber.set(decision.flagId, n);
  }
  const decided = agenda.filter((item) => item.decision !== null);
  const byDecision = new Map<string, number>();
  for (const item of decided) byDecision.set(item.decision as string, (byDecision.get(item.decision as string) ?? 0) + 1);
  const known: readonly string[] = REVIEW_STATUSES;
  const order = [...REVIEW_STATUSES.filter((s) => byDecision.has(s)), ...[...byDecision.keys()].filter((s) => !known.includes(s)).sort(compareText)];
  const undecided = agenda.filter((item) => item.decision === null);
  return {
    agendaSize: agenda.length,
    entries,
    counts: order.map((status) => ({ status, label: reviewStatusLabel(status), cases: byDecision.get(status) ?? 0 })),
    undecided,
    undecidedRefs: undecided.map((item) => (item.reportIncidentNumbers?.length ? item.reportIncidentNumbers.join(' & ') : caseTitle(item))),
  };
}

export function minutesToMarkdown(meeting: MeetingDetail, options: MinutesOptions): string {
  const model = minutesModel(meeting);
  const decidedCases = model.agendaSize - model.undecided.length;
  const lines: string[] = [];

  lines.push(`# Minutes: ${inline(meeting.title)}`, '');
  lines.push(`- Date: ${meeting.date}`);
  lines.push(`- Meeting: ${meeting.status === 'held' ? 'held' : 'planned, not yet held'}`);
  lines.push(`- Cases on the agenda: ${model.agendaSize}; decided in this meeting: ${decidedCases}`);
  lines.push(`- Minutes written: ${sfTime(options.generatedAt)} (San Francisco time)`);
  lines.push('- Internal: these minutes identify cases by incident number. Do not share them outside the task force.', '');

  lines.push('## Attendees', '');
  if (meeting.attendees.length === 0) lines.push('No attendees were recorded.');
  for (const attendee of meeting.attendees) {
    const role = attendee.role?.trim();
    lines.push(`- ${inline(attendee.name)}${role ? ` (${inline(role)})` : ''}`);
  }
  lines.push('');

  lines.push('## Notes', '');
  lines.push(meeting.notes.trim() === '' ? 'No notes were taken.' : block(meeting.notes), '');

  lines.push('## Decisions', '');
  if (model.agendaSize === 0) lines.push('The agenda was empty.');
  else {
    for (const c of model.counts) lines.push(`- ${c.label}: ${plural(c.cases, 'case')}`);
    if (model.undecided.length > 0) lines.push(`- No decision: ${plural(model.undecided.length, 'case')}`);
  }
  lines.push('');

  lines.push('## Decided cases, in the order decided', '');
  if (model.entries.length === 0) lines.push('No decision was taken in this meeting.', '');
  for (const entry of model.entries) lines.push(...entryLines(entry, options), '');

  lines.push('## Not decided', '');
  lines.push(
    model.agendaSize === 0
      ? 'No case was on the agenda.'
      : model.undecided.length === 0
        ? 'Every case on the agenda was decided.'
        : `${plural(model.undecided.length, 'case')} on the agenda had no decision in this meeting (by incident number): ${model.undecidedRefs.map(inline).join(', ')}`,
  );

  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function entryLines({ n, item, decision, corrects }: MinutesEntry, options: MinutesOptions): string[] {
  // A case breaching several rules (issue 11) is one item, its rules listed.
  const ruleIds = item.ruleIds && item.ruleIds.length > 0 ? item.ruleIds : [item.ruleId];
  const rules = ruleIds.map((r) => options.ruleTitles?.[r] ?? r);
  const by = [decision.decidedBy ? inline(decision.decidedBy) : null, decision.decidedAt ? sfTime(decision.decidedAt) : null].filter((x) => x !== null);
  const lines = [
    `### ${n}. ${inline(caseTitle(item))}${corrects !== null ? ` (correction of ${corrects})` : ''}`,
    '',
    `- Incident number: ${item.reportIncidentNumbers && item.reportIncidentNumbers.length > 0 ? item.reportIncidentNumbers.map(inline).join(', ') : 'none (the case follows no report)'}`,
    `- Date: ${item.actionDate}`,
    ...(item.agency ? [`- Agency: ${inline(item.agency)}`] : []),
    rules.length === 1 ? `- Rule: ${inline(rules[0])}` : `- Rules: ${rules.map(inline).join('; ')}`,
    `- Confidence: ${confidenceLabel(item.confidence)}`,
    `- What happened: ${inline(item.sentence)}`,
    `- ${corrects !== null ? `Corrected decision (replaces decision ${corrects})` : 'Decision'}: ${reviewStatusLabel(decision.status)}${by.length > 0 ? ` (${by.join(', ')})` : ''}`,
  ];
  if (decision.note !== null && decision.note.trim() !== '') lines.push(`- Note: ${inline(decision.note)}`);
  lines.push(item.caseId ? `- Case: ${inline(item.caseId)}` : `- Flag: ${inline(item.flagId)}`);
  return lines;
}

/**
 * What a case on the agenda is called (issue 11): its action, agency and date, "Arrest by SFPD on 2024-03-05"; never
 * an id. Items of agendas read before cases name only the day.
 */
export function caseTitle(item: Pick<MeetingAgendaItem, 'actionType' | 'agency' | 'actionDate'>): string {
  if (!item.actionType || !item.agency) return `Arrest or charge on ${item.actionDate}`;
  return `${actionLabel(item.actionType)} by ${item.agency} on ${item.actionDate}`;
}

// Text people typed must read as text, not as Markdown: characters that would format or break a line are escaped.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|#]/g;

/** One line of user text: line breaks become spaces. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim().replace(MARKDOWN_SPECIAL, '\\$&');
}

/** Several lines of user text, kept as lines; a line that would start a list or a heading is escaped. */
function block(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.replace(MARKDOWN_SPECIAL, '\\$&').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3'))
    .join('  \n');
}
