/**
 * Nexus between a report and an action of the same person (compliance-rules.md §6).
 *
 * - direct: the action's incident number is the report's (a DA decision: its
 *   own incident number, or that of the arrest its arrestId names when that
 *   arrest is in the bundle). No time condition.
 * - temporal: otherwise, the action's time falls in the closed window
 *   [incident time - 24h, report time + 72h], in real instants.
 *   Arrest time: its datetime (an instant); with only a date, the whole local
 *   day [00:00, next day 00:00), which counts when it intersects the window.
 *   DA decision time: the time of the arrest it names when that arrest is in
 *   the bundle, else the decision's own arrestDate as a whole day, else none
 *   (no temporal nexus).
 * - otherwise none.
 */
import type { ArrestRecord, DaDecisionRecord, Nexus } from '../model';
import { HOUR_IN_MS, localDayToUtcInterval, localToUtcMillis } from './time';

/** Closed interval of instants: both ends included. */
export interface ReportWindow {
  startMillis: number;
  endMillis: number;
}

/** An instant, or a local day as the half-open interval [start, end). */
export type ActionTime =
  | { kind: 'instant'; millis: number }
  | { kind: 'day'; startMillis: number; endMillis: number };

export const DEFAULT_HOURS_BEFORE_INCIDENT = 24;
export const DEFAULT_HOURS_AFTER_REPORT = 72;

export function reportWindow(
  incidentMillis: number,
  reportMillis: number,
  hoursBeforeIncident = DEFAULT_HOURS_BEFORE_INCIDENT,
  hoursAfterReport = DEFAULT_HOURS_AFTER_REPORT,
): ReportWindow {
  return {
    startMillis: incidentMillis - hoursBeforeIncident * HOUR_IN_MS,
    endMillis: reportMillis + hoursAfterReport * HOUR_IN_MS,
  };
}

function wholeDay(date: string): ActionTime {
  const day = localDayToUtcInterval(date);
  return { kind: 'day', startMillis: day.startMillis, endMillis: day.endMillis };
}

export function arrestTime(arrest: Pick<ArrestRecord, 'arrestDatetime' | 'arrestDate'>): ActionTime | null {
  if (arrest.arrestDatetime) return { kind: 'instant', millis: localToUtcMillis(arrest.arrestDatetime) };
  if (arrest.arrestDate) return wholeDay(arrest.arrestDate);
  return null;
}

export function decisionTime(
  decision: Pick<DaDecisionRecord, 'arrestId' | 'arrestDate'>,
  arrestsById: ReadonlyMap<string, ArrestRecord>,
): ActionTime | null {
  const namedArrest = decision.arrestId === null ? undefined : arrestsById.get(decision.arrestId);
  const fromArrest = namedArrest === undefined ? null : arrestTime(namedArrest);
  if (fromArrest) return fromArrest;
  if (decision.arrestDate) return wholeDay(decision.arrestDate);
  return null;
}

export function timeInWindow(time: ActionTime, window: ReportWindow): boolean {
  if (time.kind === 'instant') {
    return window.startMillis <= time.millis && time.millis <= window.endMillis;
  }
  // [day start, day end) intersects [window start, window end]
  return time.startMillis <= window.endMillis && time.endMillis > window.startMillis;
}

/** The incident numbers that make a direct nexus for a DA decision. */
export function decisionIncidentNumbers(
  decision: Pick<DaDecisionRecord, 'incidentNumber' | 'arrestId'>,
  arrestsById: ReadonlyMap<string, ArrestRecord>,
): string[] {
  const namedArrest = decision.arrestId === null ? undefined : arrestsById.get(decision.arrestId);
  return namedArrest === undefined ? [decision.incidentNumber] : [decision.incidentNumber, namedArrest.incidentNumber];
}

/** Nexus of an action, given the incident numbers that link it and its time. */
export function nexusOf(
  reportIncidentNumber: string,
  window: ReportWindow,
  actionIncidentNumbers: readonly string[],
  actionTime: ActionTime | null,
): Nexus {
  if (actionIncidentNumbers.includes(reportIncidentNumber)) return 'direct';
  if (actionTime !== null && timeInWindow(actionTime, window)) return 'temporal';
  return 'none';
}
