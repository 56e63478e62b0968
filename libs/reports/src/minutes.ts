/**
 * A review meeting's minutes as Markdown (issue 7): who attended, the notes, and what was decided on each case on
 * the agenda, each case titled by its action (never by an id). Minutes are internal: they carry case ids and
 * sentences (which name incident numbers), never a person key. Deterministic: the caller gives the time the minutes were written.
 */
import { REVIEW_STATUSES, type MeetingAgendaItem, type MeetingDetail } from '@sra/contracts';
import { actionLabel, compareText, confidenceLabel, plural, reviewStatusLabel, sfTime } from './format';

export interface MinutesOptions {
  generatedAt: string;
  /** Names to use for rules, by rule id; otherwise the rule id. */
  ruleTitles?: Record<string, string>;
}

export function minutesToMarkdown(meeting: MeetingDetail, options: MinutesOptions): string {
  const agenda = [...meeting.agenda].sort((a, b) => a.position - b.position || compareText(a.flagId, b.flagId));
  const decided = agenda.filter((item) => item.decision !== null);
  const lines: string[] = [];

  lines.push(`# Minutes: ${inline(meeting.title)}`, '');
  lines.push(`- Date: ${meeting.date}`);
  lines.push(`- Meeting: ${meeting.status === 'held' ? 'held' : 'planned, not yet held'}`);
  lines.push(`- Cases on the agenda: ${agenda.length}; decided in this meeting: ${decided.length}`);
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
  if (agenda.length === 0) lines.push('The agenda was empty.');
  else {
    // Every decision in the order of the review statuses, then the cases left undecided.
    const byDecision = new Map<string, number>();
    for (const item of decided) byDecision.set(item.decision as string, (byDecision.get(item.decision as string) ?? 0) + 1);
    const known: readonly string[] = REVIEW_STATUSES;
    const order = [...REVIEW_STATUSES.filter((s) => byDecision.has(s)), ...[...byDecision.keys()].filter((s) => !known.includes(s)).sort(compareText)];
    for (const status of order) lines.push(`- ${reviewStatusLabel(status)}: ${plural(byDecision.get(status) ?? 0, 'case')}`);
    if (agenda.length > decided.length) lines.push(`- No decision: ${plural(agenda.length - decided.length, 'case')}`);
  }
  lines.push('');

  lines.push('## Cases', '');
  if (agenda.length === 0) lines.push('No cases.', '');
  agenda.forEach((item, i) => lines.push(...caseLines(item, i + 1, options), ''));

  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function caseLines(item: MeetingAgendaItem, n: number, options: MinutesOptions): string[] {
  // A case breaching several rules (issue 11) is one item, its rules listed.
  const ruleIds = item.ruleIds && item.ruleIds.length > 0 ? item.ruleIds : [item.ruleId];
  const rules = ruleIds.map((r) => options.ruleTitles?.[r] ?? r);
  const lines = [
    `### ${n}. ${inline(caseTitle(item))}`,
    '',
    rules.length === 1 ? `- Rule: ${inline(rules[0])}` : `- Rules: ${rules.map(inline).join('; ')}`,
    `- Confidence: ${confidenceLabel(item.confidence)}`,
    ...(item.reportIncidentNumbers && item.reportIncidentNumbers.length > 0 ? [`- Reports it follows: ${item.reportIncidentNumbers.map(inline).join(', ')}`] : []),
    item.caseId ? `- Case: ${inline(item.caseId)}` : `- Flag: ${inline(item.flagId)}`,
    `- What happened: ${inline(item.sentence)}`,
    `- On the agenda: ${item.addedByHand ? 'added by hand' : 'by the agenda rule'}`,
  ];
  if (item.decision === null) {
    lines.push('- Decision: none in this meeting');
  } else {
    const by = [item.decidedBy ? inline(item.decidedBy) : null, item.decidedAt ? `${sfTime(item.decidedAt)}` : null].filter((x) => x !== null);
    lines.push(`- Decision: ${reviewStatusLabel(item.decision)}${by.length > 0 ? ` (${by.join(', ')})` : ''}`);
    if (item.decisionNote !== null && item.decisionNote.trim() !== '') lines.push(`- Note: ${inline(item.decisionNote)}`);
  }
  lines.push(`- Review status now: ${reviewStatusLabel(item.reviewStatus)}`);
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
