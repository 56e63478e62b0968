import type { MouseEvent, ReactNode } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCanAccess, useCreatePath, useListContext } from 'react-admin';
import { formatDateTime, formatDay, type FlagRecord } from '@sra/contracts';
import { Fact } from '../../components/Facts';

/**
 * Pieces shared by the three read-only record pages (incidents, arrests, DA
 * decisions): San Francisco times, shortened person keys, links between the
 * records, sections and small tables.
 */

/** The files' times are San Francisco times; the pages say so rather than use the reader's own zone. */
export { SF_TIME_ZONE } from '@sra/contracts';



/** A time in San Francisco, machine-readable in `dateTime`. */
export const SfDateTime = ({ iso, testId, empty = 'Not recorded' }: { iso: string | null | undefined; testId?: string; empty?: string }) =>
  iso ? (
    <time dateTime={iso} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(iso)}
    </time>
  ) : (
    <span data-testid={testId}>{empty}</span>
  );

/** A day, machine-readable in `dateTime`. */
export const Day = ({ day, testId, empty = 'Not recorded' }: { day: string | null | undefined; testId?: string; empty?: string }) =>
  day ? (
    <time dateTime={day} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {formatDay(day)}
    </time>
  ) : (
    <span data-testid={testId}>{empty}</span>
  );

/**
 * A person key, shortened: the keys are long pseudonyms, so the page shows the
 * start and keeps the whole key in the title (shown on hover).
 */
export const PersonKey = ({ value, testId }: { value: string | null | undefined; testId?: string }) => {
  if (!value) return <span data-testid={testId}>None</span>;
  const short = value.length > 12 ? `${value.slice(0, 10)}…` : value;
  return (
    <Box
      component="span"
      title={value}
      data-testid={testId}
      sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85rem', whiteSpace: 'nowrap' }}
    >
      {short}
    </Box>
  );
};

/** Text kept exactly as the file gave it (charges, codes), in a typewriter font. */
export const AsGiven = ({ value, testId, empty = 'None' }: { value: string | null | undefined; testId?: string; empty?: string }) =>
  value ? (
    <Box
      component="span"
      data-testid={testId}
      sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85rem', wordBreak: 'break-word' }}
    >
      {value}
    </Box>
  ) : (
    <span data-testid={testId}>{empty}</span>
  );

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/** A link to another record's page (works inside clickable table rows too). */
export const RecordLink = ({
  resource,
  id,
  children,
  testId,
}: {
  resource: 'incidents' | 'arrests' | 'da-decisions' | 'flags' | 'import-batches';
  id: string;
  children: ReactNode;
  testId?: string;
}) => {
  const createPath = useCreatePath();
  return (
    <Link to={createPath({ resource, id, type: 'show' })} onClick={stopPropagation} data-testid={testId}>
      {children}
    </Link>
  );
};

/** A titled part of a record page: an h2 and what it is about. */
export const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} data-testid={id} sx={{ py: 2 }}>
    <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1.5 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/** A small read-only table of a record page, named by its section's heading. */
export const RecordTable = ({
  labelledBy,
  headers,
  children,
  testId,
}: {
  labelledBy: string;
  headers: readonly string[];
  children: ReactNode;
  testId?: string;
}) => (
  <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
    <Table size="small" aria-labelledby={labelledBy} data-testid={testId}>
      <TableHead>
        <TableRow>
          {headers.map((header) => (
            <TableCell key={header} component="th" scope="col" sx={{ fontWeight: 600, verticalAlign: 'bottom' }}>
              {header}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  </TableContainer>
);

/** The line at the top of a list: what the records are, and how many match (the server's count). */
export const ListIntro = ({ children, noun, testId }: { children: ReactNode; noun: [string, string]; testId: string }) => {
  const { total, isPending } = useListContext();
  return (
    <Box sx={{ px: 2, pt: 1 }}>
      <Typography variant="body2" sx={{ maxWidth: '90ch' }}>
        {children}
      </Typography>
      {!isPending && typeof total === 'number' ? (
        <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>
          <span data-testid={testId}>{total.toLocaleString('en-US')}</span> {total === 1 ? noun[0] : noun[1]}
        </Typography>
      ) : null}
    </Box>
  );
};

/** What every records list says about itself. */
export const READ_ONLY_NOTE =
  'These are read-only copies of the loaded files: nothing here can be changed, and people appear only as pseudonymous person keys (codes, not names). Times are San Francisco times.';

export const CONFIDENCE_LABELS: Readonly<Record<FlagRecord['confidence'], string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const FLAG_STATUS_LABELS: Readonly<Record<FlagRecord['status'], string>> = {
  current: 'Current',
  withdrawn: 'Withdrawn',
};

export const CUSTODY_LABELS: Readonly<Record<'booked' | 'cited', string>> = {
  booked: 'Booked',
  cited: 'Cited',
};

export function custodyLabel(value: unknown): string {
  return value === 'booked' || value === 'cited' ? CUSTODY_LABELS[value] : String(value ?? '');
}

export const CUSTODY_CHOICES = (Object.keys(CUSTODY_LABELS) as Array<keyof typeof CUSTODY_LABELS>).map((id) => ({
  id,
  name: CUSTODY_LABELS[id],
}));

export const PERSON_ROLE_LABELS: Readonly<Record<string, string>> = {
  victim: 'Victim',
  witness: 'Witness',
  'reporting party': 'Reporting party',
  suspect: 'Suspect',
};

export function personRoleLabel(role: string): string {
  return PERSON_ROLE_LABELS[role] ?? role;
}

/**
 * Charges exactly as the file gave them, one labelled line per column that has
 * any (e.g. "Statutes: 602(o) PC/M" and "Booked: 602O"); "None" when neither does.
 */
export const ChargeLines = ({ lines, testId }: { lines: ReadonlyArray<readonly [string, string | null]>; testId?: string }) => {
  const given = lines.filter(([, value]) => value);
  if (given.length === 0) return <span data-testid={testId}>None</span>;
  return (
    <Box component="span" data-testid={testId} sx={{ display: 'block' }}>
      {given.map(([label, value]) => (
        <Box component="span" key={label} sx={{ display: 'block' }}>
          {label}: <AsGiven value={value} />
        </Box>
      ))}
    </Box>
  );
};

/** Where the record came from: a link to its import, for those who may see imports (admins, analysts). */
export const BatchFact = ({ batchId }: { batchId: string }) => {
  const { canAccess } = useCanAccess({ resource: 'import-batches', action: 'show' });
  if (!canAccess) return null;
  return (
    <Fact term="Loaded from">
      <RecordLink resource="import-batches" id={batchId} testId="record-import-link">
        The import of this file
      </RecordLink>
    </Fact>
  );
};
