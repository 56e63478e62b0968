import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { ListContextProvider, Pagination, RecordContextProvider, useListContext, useRecordContext } from 'react-admin';

/**
 * A list's rows drawn in a background render, in slices of a few milliseconds, rather than in one long task when
 * they arrive (issue 14: total blocking time): the list's data comes through react-query, whose updates React must
 * render at once. Meanwhile the table shows what it showed (its loading rows, or the previous page).
 */
export const DeferredList = ({ children }: { children: ReactNode }) => {
  const list = useListContext();
  // Only the rows (and their total) wait; the sort, the filters and the selection stay live, so a click on a
  // checkbox or a column heading shows at once.
  const deferred = useDeferredValue(useMemo(() => ({ data: list.data, total: list.total }), [list.data, list.total]));
  const firstRowsComing = deferred.data === undefined && list.data !== undefined;
  const value = useMemo(
    () => ({ ...list, data: deferred.data, total: deferred.total, isPending: list.isPending || firstRowsComing, isLoading: list.isLoading || firstRowsComing }),
    [list, deferred, firstRowsComing],
  );
  return <ListContextProvider value={value as typeof list}>{children}</ListContextProvider>;
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

/**
 * A record's page drawn in a background render, in slices (as `DeferredList` for a list's rows): from its first
 * mount (`initialValue`: nothing, then the record), since react-admin's Show mounts its content with the record.
 */
export const DeferredRecord = ({ children }: { children: ReactNode }) => {
  const record = useRecordContext();
  const deferred = useDeferredValue(record, undefined);
  return <RecordContextProvider value={deferred}>{children}</RecordContextProvider>;
};
