import { useEffect, useState } from 'react';

/**
 * How many of a long list's rows to draw now: the first `first` at once (enough to fill the screen), then `slice`
 * more in each following task, until all `total` are drawn. Drawing fifty agenda lines (each with its buttons and
 * chips) in one go was one long task that kept the page from answering (issue 14: total blocking time on a 500-case
 * meeting). A new `resetKey` (another page of the list) starts again from `first`.
 */
export function useRowsDrawn(total: number, resetKey: unknown, first = 10, slice = 10): number {
  const [state, setState] = useState({ key: resetKey, drawn: first });
  const drawn = state.key === resetKey ? state.drawn : first;
  if (state.key !== resetKey) setState({ key: resetKey, drawn: first });
  useEffect(() => {
    if (drawn >= total) return undefined;
    const timer = setTimeout(() => setState((s) => (s.key === resetKey ? { key: resetKey, drawn: s.drawn + slice } : s)), 0);
    return () => clearTimeout(timer);
  }, [drawn, total, resetKey, slice]);
  return Math.min(drawn, total);
}
