import type { ArrestRecord } from '../model';
import { arrestTime, decisionIncidentNumbers, decisionTime, nexusOf, reportWindow, timeInWindow } from './nexus';
import { arrest } from './test-builders';

const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

// Incident 2024-06-01 09:00 PDT (16:00Z), reported 10:00 PDT (17:00Z).
// Window: [2024-05-31 16:00Z, 2024-06-04 17:00Z] = [05-31 09:00, 06-04 10:00] local.
const window = reportWindow(utc(2024, 6, 1, 16), utc(2024, 6, 1, 17));

describe('reportWindow', () => {
  it('is [incident - 24h, report + 72h] by default, configurable', () => {
    expect(window).toEqual({ startMillis: utc(2024, 5, 31, 16), endMillis: utc(2024, 6, 4, 17) });
    expect(reportWindow(utc(2024, 6, 1, 16), utc(2024, 6, 1, 17), 48, 24)).toEqual({ startMillis: utc(2024, 5, 30, 16), endMillis: utc(2024, 6, 2, 17) });
  });
});

describe('arrestTime', () => {
  it('a datetime is an instant; a date alone is the whole local day; neither is none', () => {
    expect(arrestTime({ arrestDatetime: '2024-06-04 10:00', arrestDate: null })).toEqual({ kind: 'instant', millis: utc(2024, 6, 4, 17) });
    expect(arrestTime({ arrestDatetime: '2024-06-04 10:00', arrestDate: '2024-06-04' })).toEqual({ kind: 'instant', millis: utc(2024, 6, 4, 17) });
    expect(arrestTime({ arrestDatetime: null, arrestDate: '2024-06-04' })).toEqual({ kind: 'day', startMillis: utc(2024, 6, 4, 7), endMillis: utc(2024, 6, 5, 7) });
    expect(arrestTime({ arrestDatetime: null, arrestDate: null })).toBeNull();
  });
});

describe('timeInWindow', () => {
  const at = (local: string) => arrestTime({ arrestDatetime: local, arrestDate: null })!;
  const day = (date: string) => arrestTime({ arrestDatetime: null, arrestDate: date })!;
  it('includes both bounds of the window for instants', () => {
    expect(timeInWindow(at('2024-05-31 09:00'), window)).toBe(true);
    expect(timeInWindow(at('2024-05-31 08:59'), window)).toBe(false);
    expect(timeInWindow(at('2024-06-04 10:00'), window)).toBe(true);
    expect(timeInWindow(at('2024-06-04 10:01'), window)).toBe(false);
  });
  it('a whole day counts when it intersects the window', () => {
    expect(timeInWindow(day('2024-05-30'), window)).toBe(false);
    expect(timeInWindow(day('2024-05-31'), window)).toBe(true);
    expect(timeInWindow(day('2024-06-04'), window)).toBe(true); // the window ends at 10:00 that day
    expect(timeInWindow(day('2024-06-05'), window)).toBe(false);
  });
  it('the day is half-open: a day ending exactly at the window start does not count', () => {
    // Window starting 2024-06-01 00:00 local (07:00Z); the day 2024-05-31 ends at that instant.
    const w = { startMillis: utc(2024, 6, 1, 7), endMillis: utc(2024, 6, 5, 7) };
    expect(timeInWindow(day('2024-05-31'), w)).toBe(false);
    expect(timeInWindow(day('2024-06-01'), w)).toBe(true);
    // A day starting exactly at the window end does count (the end is inclusive).
    expect(timeInWindow(day('2024-06-05'), w)).toBe(true);
  });
});

describe('DA decision links', () => {
  const a1: ArrestRecord = arrest({ arrestId: 'A1', incidentNumber: '240000001', personKey: 'person-1', arrestDatetime: '2024-06-02 12:00' });
  const a2: ArrestRecord = arrest({ arrestId: 'A2', incidentNumber: '240000002', personKey: 'person-1', arrestDate: '2024-06-03' });
  const byId = new Map([
    ['A1', a1],
    ['A2', a2],
  ]);
  it('direct nexus incident numbers: its own, plus the named arrest when in the bundle', () => {
    expect(decisionIncidentNumbers({ incidentNumber: '240000009', arrestId: 'A1' }, byId)).toEqual(['240000009', '240000001']);
    expect(decisionIncidentNumbers({ incidentNumber: '240000009', arrestId: 'A404' }, byId)).toEqual(['240000009']);
    expect(decisionIncidentNumbers({ incidentNumber: '240000009', arrestId: null }, byId)).toEqual(['240000009']);
  });
  it("time: the named arrest's datetime, else its date; else the decision's own arrest date; else none", () => {
    expect(decisionTime({ arrestId: 'A1', arrestDate: '2020-01-01' }, byId)).toEqual({ kind: 'instant', millis: utc(2024, 6, 2, 19) });
    expect(decisionTime({ arrestId: 'A2', arrestDate: '2020-01-01' }, byId)).toEqual({ kind: 'day', startMillis: utc(2024, 6, 3, 7), endMillis: utc(2024, 6, 4, 7) });
    expect(decisionTime({ arrestId: 'A404', arrestDate: '2024-06-03' }, byId)).toEqual({ kind: 'day', startMillis: utc(2024, 6, 3, 7), endMillis: utc(2024, 6, 4, 7) });
    expect(decisionTime({ arrestId: null, arrestDate: '2024-06-03' }, byId)).toEqual({ kind: 'day', startMillis: utc(2024, 6, 3, 7), endMillis: utc(2024, 6, 4, 7) });
    expect(decisionTime({ arrestId: 'A404', arrestDate: null }, byId)).toBeNull();
  });
});

describe('nexusOf', () => {
  const inWindow = { kind: 'instant' as const, millis: utc(2024, 6, 2, 0) };
  const outOfWindow = { kind: 'instant' as const, millis: utc(2024, 7, 2, 0) };
  it('direct when an incident number matches, whatever the time', () => {
    expect(nexusOf('240000001', window, ['240000001'], outOfWindow)).toBe('direct');
    expect(nexusOf('240000001', window, ['240000009', '240000001'], null)).toBe('direct');
  });
  it('temporal when the time is in the window, else none', () => {
    expect(nexusOf('240000001', window, ['240000002'], inWindow)).toBe('temporal');
    expect(nexusOf('240000001', window, ['240000002'], outOfWindow)).toBe('none');
    expect(nexusOf('240000001', window, ['240000002'], null)).toBe('none');
  });
});
