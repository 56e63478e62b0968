import type { CSSProperties, ReactNode } from 'react';

/**
 * Hidden on screen, still read by screen readers (the usual "visually hidden" recipe). Lengths are strings: in
 * MUI's `sx`, a bare 1 would mean 100% and -1 a spacing unit. Works as `style` and as `sx`.
 */
export const visuallyHidden: CSSProperties = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
};

/** Words for screen readers only, e.g. "(opens in a new tab)". */
export const VisuallyHidden = ({ children }: { children: ReactNode }) => <span style={visuallyHidden}>{children}</span>;
