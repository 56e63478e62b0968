import { outcomeOf, type RunRow } from './evaluation-outcome';

const run = (over: Partial<RunRow> = {}): RunRow => ({
  id: 'run-1',
  trigger: 'ingest',
  scope: 'batch',
  status: 'done',
  started_at: '2026-12-02T03:00:00.000Z',
  finished_at: '2026-12-02T03:00:02.000Z',
  error: null,
  flags_new: 2,
  flags_changed: 1,
  flags_withdrawn: 3,
  flags_current: 10,
  ...over,
});

describe('outcomeOf', () => {
  it('is "waiting" when no run has started', () => {
    expect(outcomeOf(undefined)).toEqual({ state: 'waiting', runId: null, trigger: null, scope: null, startedAt: null, finishedAt: null, error: null, flags: null, cases: null });
  });

  it('gives the flags and cases of its scope the run left as they were, as it recorded them', () => {
    const counted = run({ flags_unchanged: 4, cases_new: 1, cases_changed: 0, cases_withdrawn: 2, cases_unchanged: 3, cases_current: 6 });
    expect(outcomeOf(counted)).toMatchObject({
      flags: { new: 2, changed: 1, withdrawn: 3, unchanged: 4, current: 10 },
      cases: { new: 1, changed: 0, withdrawn: 2, unchanged: 3, current: 6 },
    });
  });

  it('for a run recorded before those counts: unchanged flags are the current ones it neither created nor changed (10 - 2 - 1 = 7), no cases', () => {
    expect(outcomeOf(run())).toMatchObject({ state: 'done', runId: 'run-1', scope: 'batch', flags: { new: 2, changed: 1, withdrawn: 3, unchanged: 7, current: 10 }, cases: null });
  });

  it('gives no counts while running, and the error of a failed run', () => {
    expect(outcomeOf(run({ status: 'running', finished_at: null, flags_new: null, flags_changed: null, flags_withdrawn: null, flags_current: null }))).toMatchObject({
      state: 'running',
      flags: null,
    });
    expect(outcomeOf(run({ status: 'failed', error: 'connection lost', flags_current: null }))).toMatchObject({ state: 'failed', error: 'connection lost', flags: null });
  });
});
