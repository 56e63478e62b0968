import {
  REASONS,
  sfDayOf,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  RULE_IDS,
  type FlagRecord,
  type Reason,
  type ReviewStatus,
  type RuleId,
  type TimelineEvent,
} from '@sra/contracts';

/**
 * Plain words for the flagged-cases pages: short rule names, confidence, nexus,
 * reasons, charge levels, and times written in San Francisco local time.
 */

/** Short rule names for table columns (the policy pages carry the long ones). */
export const RULE_SHORT_NAMES: Readonly<Record<RuleId, string>> = {
  'sfpd-psw-2017': 'SFPD bulletin (2017)',
  'sfda-psw-2018': 'DA policy (2018)',
  'ca-pc-647.3': 'Penal Code 647.3',
  'ca-sb357-repeal': 'SB 357 repeal',
};

export function ruleShortName(ruleId: string): string {
  return (RULE_SHORT_NAMES as Record<string, string>)[ruleId] ?? ruleId;
}

export const RULE_FILTER_CHOICES = RULE_IDS.map((id) => ({ id, name: RULE_SHORT_NAMES[id] }));

export const CONFIDENCE_LABELS: Readonly<Record<FlagRecord['confidence'], string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
export const CONFIDENCE_CHOICES = (['high', 'medium', 'low'] as const).map((id) => ({ id, name: CONFIDENCE_LABELS[id] }));

/** What each confidence means (docs/rules.md "Confidence"). */
export const CONFIDENCE_EXPLANATIONS: Readonly<Record<FlagRecord['confidence'], string>> = {
  high: 'Same incident, and every charge is a protected one.',
  medium:
    'Connected only by time with every charge protected; or the same incident with other minor charges as well; or the same incident with every charge protected, the person linked by an approximate key.',
  low: 'A serious unprotected charge as well, or the person was also a suspect, or a charge is ambiguous, or a medium case whose person was linked by an approximate key: look closely.',
};

export const NEXUS_LABELS: Readonly<Record<FlagRecord['nexus'], string>> = {
  direct: 'Same incident',
  temporal: 'Close in time',
  none: 'No report needed',
};
export const NEXUS_CHOICES = (['direct', 'temporal', 'none'] as const).map((id) => ({ id, name: NEXUS_LABELS[id] }));

export const NEXUS_EXPLANATIONS: Readonly<Record<FlagRecord['nexus'], string>> = {
  direct: 'The arrest or charge is under the same incident number as the report.',
  temporal:
    'The arrest or charge is under another incident number but happened soon after the report (within the rule’s time window). This link is only an estimate.',
  none: 'This rule needs no report: any arrest or charge under a repealed section counts.',
};

export const FLAG_STATUS_CHOICES = [
  { id: 'current', name: 'Current' },
  { id: 'withdrawn', name: 'Withdrawn (no longer flagged)' },
];

export const REVIEW_STATUS_CHOICES = REVIEW_STATUSES.map((id) => ({ id, name: REVIEW_STATUS_LABELS[id] }));

export function reviewStatusLabel(status: unknown): string {
  return typeof status === 'string' && status in REVIEW_STATUS_LABELS ? REVIEW_STATUS_LABELS[status as ReviewStatus] : String(status ?? '');
}

/** Each reason a flag or a charge can carry, as a sentence (docs/rules.md "Protected charges" and "Confidence"). */
export const REASON_WORDS: Readonly<Record<Reason, string>> = {
  direct_nexus: 'The arrest or charge is under the same incident number as the report.',
  temporal_nexus:
    'The arrest or charge is under another incident number, but happened close in time to the report (within the rule’s time window). This connection is an estimate.',
  all_charges_protected: 'Every charge on the arrest or charge is a protected one.',
  mixed_misdemeanor: 'There are other, unprotected charges as well; they are minor ones (misdemeanors, infractions or of unknown level).',
  mixed_felony: 'There is also an unprotected felony charge, which may explain the arrest or charge on its own.',
  also_suspect: 'The person is also named as a suspect on the reported incident.',
  drug_level_inferred:
    'A drug charge did not say whether it was a misdemeanor or a felony; it is protected only if it was a misdemeanor, which was assumed.',
  code_book_inferred: 'A charge did not name its code book (Penal Code or Health and Safety Code); the code book was worked out from the section number.',
  ambiguous_subdivision: 'A charge names Penal Code 647 without saying which part; it may or may not be a prostitution offence.',
  pc372_context_unknown:
    'A public-nuisance charge (Penal Code 372) is protected only when it was about prostitution, which the records cannot show.',
  repealed_statute: 'A charge is under a section of law that has been repealed.',
  approximate_link:
    'The report and the arrest or charge were matched by an approximate key (for example a sound-alike surname), not by the same person key, so they may be two different people.',
};

export function reasonWords(reason: string): string {
  return (REASONS as readonly string[]).includes(reason) ? REASON_WORDS[reason as Reason] : `Other reason: ${reason}`;
}

/** The connection first, then the charges, then the cautions: the order of REASONS. */
export function orderedReasons(reasons: readonly string[]): string[] {
  const rank = (r: string) => {
    const i = (REASONS as readonly string[]).indexOf(r);
    return i < 0 ? REASONS.length : i;
  };
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}

export const LEVEL_WORDS: Readonly<Record<string, string>> = {
  F: 'Felony',
  M: 'Misdemeanor',
  I: 'Infraction',
};

export function levelWords(level: string | null): string {
  if (level === null) return 'Not written';
  return LEVEL_WORDS[level] ?? level;
}

export const ROLE_WORDS: Readonly<Record<string, string>> = {
  victim: 'Victim',
  witness: 'Witness',
  'reporting party': 'Reporting party',
  suspect: 'Suspect',
};

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` day has no time: the event's time was not given. */
export function isDayOnly(at: string): boolean {
  return DAY_ONLY.test(at);
}




function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "38 hours", or days for gaps of two days and more. */
function describeHours(hours: number): string {
  if (hours < 1) return plural(Math.round(hours * 60), 'minute');
  if (hours < 48) return plural(Math.round(hours), 'hour');
  return plural(Math.round(hours / 24), 'day');
}

/**
 * How long after (or before) the report an event happened, e.g. "38 hours after the report".
 * Events with a day but no time compare days only, and say so.
 */
export function describeGap(event: TimelineEvent, reportAt: string | null): string {
  if (event.kind === 'reported' && event.hoursAfterReport === 0) return 'The report';
  if (!reportAt) return isDayOnly(event.at) ? 'Date only' : '';
  if (isDayOnly(event.at)) {
    const reportDay = sfDayOf(reportAt);
    if (!reportDay) return 'Date only';
    const days = Math.round((Date.parse(`${event.at}T00:00:00Z`) - Date.parse(`${reportDay}T00:00:00Z`)) / 86_400_000);
    if (days === 0) return 'Date only: the same day as the report';
    return `Date only: ${plural(Math.abs(days), 'day')} ${days > 0 ? 'after' : 'before'} the day of the report`;
  }
  const hours = event.hoursAfterReport ?? (Date.parse(event.at) - Date.parse(reportAt)) / 3_600_000;
  if (!Number.isFinite(hours)) return '';
  if (Math.abs(hours) < 1 / 60) return 'At the time of the report';
  return `${describeHours(Math.abs(hours))} ${hours >= 0 ? 'after' : 'before'} the report`;
}

/** What a record link opens, in words, e.g. "Incident 220002074" (or "incident 220002074" inside a sentence). */
export function recordLinkWords(link: string | null, inSentence = false): string {
  if (!link) return '';
  const slash = link.indexOf('/');
  const id = link.slice(slash + 1);
  const kind = link.slice(0, slash);
  const word = kind === 'incidents' ? 'Incident' : kind === 'arrests' ? 'Arrest' : kind === 'da-decisions' ? 'DA decision' : null;
  if (!word) return link;
  return `${inSentence && word !== 'DA decision' ? word.toLowerCase() : word} ${id}`;
}

/** A long pseudonymous key, shortened for the eye (the whole key stays in the element's title). */
export function shortKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 12)}…` : key;
}

/** Each kind of approximate (tolerant) key, in plain words (issue 16; docs/linking.md). */
export const LINK_KIND_WORDS: Readonly<Record<string, string>> = {
  slk: 'SLK-581-style',
  sound: 'sound-alike surname',
  date: 'near date of birth',
};

/**
 * How the report and the action were linked (issue 16): "By the same person key", or "By an approximate key
 * (SLK-581-style, sound-alike surname)". Names the kinds of key only: never a name, never a key value.
 */
export function linkWords(linkKinds: readonly string[] | null | undefined): string {
  if (!linkKinds || linkKinds.length === 0) return 'By the same person key';
  return `By an approximate key (${linkKinds.map((k) => LINK_KIND_WORDS[k] ?? k).join(', ')})`;
}

export const LINK_EXPLANATIONS = {
  exact: 'The report and the arrest or charge carry the same person key.',
  approximate:
    'The report and the arrest or charge carry different person keys, but share a key that tolerates small differences in how a name or date of birth was written. They are probably, not certainly, the same person, so the confidence is one step lower.',
} as const;
