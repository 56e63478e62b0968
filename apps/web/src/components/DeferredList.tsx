import { useDeferredValue, type ReactNode } from 'react';
import { ListContextProvider, Pagination, useListContext } from 'react-admin';

/**
 * A list's rows drawn in a background render, in slices of a few milliseconds, rather than in one long task when
 * they arrive (issue 14: total blocking time): the list's data comes through react-query, whose updates React must
 * render at once. Meanwhile the table shows what it showed (its loading rows, or the previous page).
 */
export const DeferredList = ({ children }: { children: ReactNode }) => {
  const list = useListContext();
  const deferred = useDeferredValue(list);
  return <ListContextProvider value={deferred}>{children}</ListContextProvider>;
};

/**
 * The list's pagination, drawn with its rows (a `<DeferredList>` of its own, committed in the same background
 * render): drawn at once, it would show below the empty table, then jump down when the rows arrive.
 */
export const DeferredPagination = () => (
  <DeferredList>
    <Pagination />
  </DeferredList>
);
