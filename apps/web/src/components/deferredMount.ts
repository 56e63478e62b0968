import { startTransition, useEffect, useState } from 'react';

/**
 * Drawing a page's charts all at once is one long task (React renders every SVG element, then the browser lays
 * them out): the page does not answer a click meanwhile (issue 14: total blocking time). Each chart drawn in a task
 * of its own instead, one after the other, with a pause between for the browser to lay out, paint and answer.
 * The chart's box keeps its height meanwhile, so nothing moves when the drawing arrives.
 */
const waiting: Array<() => void> = [];
let draining = false;
const PAUSE_MS = 16;

function drawNext() {
  const next = waiting.shift();
  if (!next) {
    draining = false;
    return;
  }
  next();
  setTimeout(drawNext, PAUSE_MS);
}

/** false on the first render; true a task later, after the charts registered before this one. */
export function useDeferredMount(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    // As a transition, which React renders in slices that yield to the browser, rather than in one task.
    waiting.push(() => live && startTransition(() => setReady(true)));
    if (!draining) {
      draining = true;
      setTimeout(drawNext, 0);
    }
    return () => {
      live = false;
    };
  }, []);
  return ready;
}
