import type { MouseEvent, ReactNode } from 'react';
import { Link, useCreatePath, useRecordContext, useResourceContext } from 'react-admin';

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/**
 * A real link to the current record's detail page. Clickable table rows are not
 * reachable by keyboard; this link is (and a screen reader announces it).
 */
export const ShowLink = ({ children }: { children: ReactNode }) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const createPath = useCreatePath();
  if (!record || !resource) return <>{children}</>;
  return (
    <Link to={createPath({ resource, id: record.id, type: 'show' })} onClick={stopPropagation}>
      {children}
    </Link>
  );
};
