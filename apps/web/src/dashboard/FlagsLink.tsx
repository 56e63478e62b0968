import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-admin';
import type { ShownCount } from '@sra/contracts';
import { flagListPath, type FlagListFilter } from './dashboardQuery';

/** Whether the signed-in role may open case lists (viewers see aggregates only). */
export const CanOpenCasesContext = createContext(false);

export const useCanOpenCases = () => useContext(CanOpenCasesContext);

/**
 * A link to the flagged cases behind a number (the cases list, issue 11), or the plain text for a role that may not open cases. `hidden`
 * takes the link out of the tab order while it sits in a visually hidden table (screen readers still reach it).
 */
export const FlagsLink = ({
  filter,
  children,
  testId,
  count,
  hidden = false,
  label,
}: {
  filter: FlagListFilter;
  children: ReactNode;
  testId?: string;
  /** The number the link promises: the list's total (null: hidden from this role, which opens no list anyway). */
  count?: ShownCount;
  hidden?: boolean;
  /** What the link opens, when its text alone (a bare number in a table) does not say. */
  label?: string;
}) => {
  const canOpen = useCanOpenCases();
  // An empty list is not worth opening; a hidden count is a viewer's, who may not open lists.
  if (!canOpen || count === 0 || count === null) {
    return (
      <span data-testid={testId} data-cases={count === null ? '' : count}>
        {children}
      </span>
    );
  }
  return (
    <Link to={flagListPath(filter)} data-testid={testId} data-cases={count} tabIndex={hidden ? -1 : undefined} aria-label={label}>
      {children}
    </Link>
  );
};
