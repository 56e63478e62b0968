/**
 * The sentence a person reads on a flag (compliance-rules.md §7):
 *
 *   Reported robbery (incident 240158822) as victim on 2024-03-09 23:05; arrested by SFPD 2024-03-09 23:40 in the
 *   same incident for PC 647(b); SFPD bulletin 'Prioritizing Safety for Sex Workers' bars this arrest.
 *
 * Variants: a DA charge ("charged by the District Attorney on 2024-03-11"), a temporal nexus ("under another
 * incident, 20 hours after the report"; for a DA charge the hours are those of its arrest), an arrest known only by
 * its date ("arrested by SFPD on 2024-03-09"), other charges on the action ("for PC 647(b), along with PC 459"),
 * a reporter who is also a suspect, and the SB 357 repeal, which has no report ("Arrested by SFSO 2023-02-01 10:00
 * for PC 653.22; SB 357 repealed ...").
 *
 * A reporter linked to the action by an approximate (tolerant) key rather than the same person key (issue 16) adds
 * "linked by an approximate key (slk, sound)" before the policy's words, naming the kinds of key, never a value.
 *
 * Every input is a plain value the caller has already worked out: local times as written (`YYYY-MM-DD HH:MM`, or a
 * date), formatted charges, the hours between the report and the action. No time-zone logic here.
 */
import type { PolicyDocument } from './model';

export interface ReportFacts {
  /** The SFPD incident category, e.g. `Robbery` (shown in lower case); null when DataSF publishes none for the code. */
  category: string | null;
  incidentNumber: string;
  /** `victim`, `witness`, or several joined by the caller (`victim and witness`). */
  role: string;
  /** Local report time, `YYYY-MM-DD HH:MM`. */
  reportedAt: string;
  /** The person is also a suspect on the reported incident. */
  alsoSuspect?: boolean;
}

export type ActionFacts =
  /** `agency`: shown trimmed and upper-cased, as flags store it. `at`: local arrest time `YYYY-MM-DD HH:MM`, or its date `YYYY-MM-DD`. */
  | { kind: 'arrest'; agency: string; at: string }
  /** `at`: the DA action date. */
  | { kind: 'da_charge'; at: string };

interface CommonFacts {
  action: ActionFacts;
  /** The protected (or repealed) charges, formatted: `PC 647(b)`. At least one. */
  charges: readonly string[];
  /** The action's other charges, formatted; shown after the protected ones. */
  otherCharges?: readonly string[];
}

/** `linkKinds`: the kinds of tolerant key that linked the reporter to the action; absent or empty for the same person key. */
export type FlagFacts =
  | (CommonFacts & { report: ReportFacts; nexus: 'direct'; linkKinds?: readonly string[] | null })
  /** `hoursAfterReport`: hours from the report time to the action's time (negative: before the report). */
  | (CommonFacts & { report: ReportFacts; nexus: 'temporal'; hoursAfterReport: number; linkKinds?: readonly string[] | null })
  | (CommonFacts & { report: null; nexus: 'none' });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `A`, `A and B`, `A, B and C`. */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `20 hours after the report`, `1 hour before the report`, `less than an hour after the report`. */
export function hoursPhrase(hoursAfterReport: number): string {
  if (!Number.isFinite(hoursAfterReport)) throw new Error(`hoursAfterReport must be a number of hours, got ${hoursAfterReport}`);
  if (hoursAfterReport === 0) return 'at the time of the report';
  const side = hoursAfterReport < 0 ? 'before' : 'after';
  const abs = Math.abs(hoursAfterReport);
  if (abs < 1) return `less than an hour ${side} the report`;
  const whole = Math.round(abs);
  return `${whole} ${whole === 1 ? 'hour' : 'hours'} ${side} the report`;
}

function actionPhrase(action: ActionFacts): string {
  if (action.kind === 'da_charge') return `charged by the District Attorney on ${action.at}`;
  return `arrested by ${action.agency.trim().toUpperCase()} ${DATE_ONLY.test(action.at) ? 'on ' : ''}${action.at}`;
}

function chargesPhrase(facts: FlagFacts): string {
  if (facts.charges.length === 0) throw new Error('a flag names at least one charge');
  const others = facts.otherCharges ?? [];
  return `for ${listed(facts.charges)}${others.length > 0 ? `, along with ${listed(others)}` : ''}`;
}

export function flagSentence(policy: Pick<PolicyDocument, 'sentenceBars'>, facts: FlagFacts): string {
  const bars = policy.sentenceBars.trim();
  if (facts.nexus === 'none') {
    const action = actionPhrase(facts.action);
    return `${action.charAt(0).toUpperCase()}${action.slice(1)} ${chargesPhrase(facts)}; ${bars}`;
  }
  const r = facts.report;
  const what = r.category?.trim() ? `${r.category.trim().toLowerCase()} (incident ${r.incidentNumber})` : `incident ${r.incidentNumber} (no category published)`;
  const report = `Reported ${what} as ${r.role}${r.alsoSuspect ? ' (also named as a suspect)' : ''} on ${r.reportedAt}`;
  const link =
    facts.nexus === 'direct'
      ? 'in the same incident'
      : `under another incident, ${facts.action.kind === 'da_charge' ? 'its arrest ' : ''}${hoursPhrase(facts.hoursAfterReport)},`;
  const kinds = facts.linkKinds ?? [];
  const approximate = kinds.length > 0 ? `linked by an approximate key (${kinds.join(', ')}); ` : '';
  return `${report}; ${actionPhrase(facts.action)} ${link} ${chargesPhrase(facts)}; ${approximate}${bars}`;
}
