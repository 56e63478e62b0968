import type { ReactNode, Ref } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ImportPreview, ImportPreviewChange } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { describeRefusalPlace, formatCount, ignoredColumnsText, kindLabel } from './kinds';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The words of the button that loads a previewed file: it names the updates it accepts. */
export function loadButtonLabel(preview: ImportPreview): string {
  if (preview.updated > 0) return `Load and update ${plural(preview.updated, 'existing record', 'existing records')}`;
  if (preview.inserted > 0) return `Load ${plural(preview.inserted, 'new record', 'new records')}`;
  return 'Load this file';
}

const COUNTS: Array<{ key: 'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'rejected'; id: string; term: string; note: string }> = [
  { key: 'rowsRead', id: 'rows-read', term: 'Rows in the file', note: 'Data rows (the header row is not counted).' },
  { key: 'inserted', id: 'inserted', term: 'New records', note: 'Records not loaded before: they would be added.' },
  { key: 'updated', id: 'updated', term: 'Existing records updated', note: 'Records loaded before whose values this file changes. Their earlier values would be kept in their history.' },
  { key: 'unchanged', id: 'unchanged', term: 'Unchanged', note: 'Records loaded before, with the same values: nothing to change.' },
  { key: 'rejected', id: 'rejected', term: 'Rejected rows', note: 'Rows that fail a check: they would not be loaded.' },
];

const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} sx={{ mt: 2.5 }}>
    <Typography id={`${id}-heading`} component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

const keyText = (change: ImportPreviewChange) =>
  Object.entries(change.key)
    .map(([column, value]) => `${column} ${value}`)
    .join(', ') + (change.keyHasPersonKey ? ' (and a person key, not shown)' : '');

const ChangeList = ({ change }: { change: ImportPreviewChange }) => (
  <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
    {change.changes.map((c) => (
      <li key={c.column}>
        {c.personKey ? (
          <span>
            <strong>{c.column}</strong>: the person key changes (keys are never shown)
          </span>
        ) : (
          <span>
            <strong>{c.column}</strong>: {c.from ?? '(empty)'} → {c.to ?? '(empty)'}
          </span>
        )}
      </li>
    ))}
  </Box>
);

/**
 * What a file would do if loaded, found by the server running the whole load and rolling it back: the counts,
 * the first existing records it would change (column by column) and its first rejected rows; then a button to
 * load it, naming the updates it would make.
 */
export const ImportPreviewPanel = ({
  preview,
  confirmedBefore,
  headingRef,
  onLoad,
  onAnother,
}: {
  preview: ImportPreview;
  /** The server refused the load: it would update another number of records than this, the number confirmed. */
  confirmedBefore?: number;
  headingRef: Ref<HTMLHeadingElement>;
  onLoad: () => void;
  onAnother: () => void;
}) => {
  const refused = preview.status === 'refused';
  const place = refused ? describeRefusalPlace(preview.line, preview.column) : '';
  return (
    <Card component="section" aria-labelledby="import-preview-heading" data-testid="import-preview" data-file={preview.fileName} sx={{ mt: 3 }}>
      <CardContent>
        <Typography
          id="import-preview-heading"
          ref={headingRef}
          tabIndex={-1}
          component="h2"
          variant="h6"
          sx={{ fontWeight: 600, mb: 1.5, '&:focus': { outline: 'none' }, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
        >
          {refused ? 'This file cannot be loaded' : `What loading ${preview.fileName} would do`}
        </Typography>

        {refused ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            <AlertTitle>The file would be refused as a whole</AlertTitle>
            <span data-testid="import-refusal-reason">{preview.reason ?? 'The server gave no reason.'}</span>
            {place ? (
              <Box component="span" sx={{ display: 'block', mt: 0.5 }} data-testid="import-refusal-place">
                {place}
              </Box>
            ) : null}
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              Nothing was stored. Fix the file, or choose the right kind, and choose it again.
            </Box>
          </Alert>
        ) : (
          <>
            {confirmedBefore !== undefined ? (
              <Alert severity="warning" sx={{ mb: 2 }} data-testid="import-conflict">
                <AlertTitle>Nothing was loaded: the records changed since the file was checked</AlertTitle>
                The check said it would update {plural(confirmedBefore, 'existing record', 'existing records')}; it would now update{' '}
                {plural(preview.updated, 'existing record', 'existing records')} (another load came in between). Below is what it would do now.
              </Alert>
            ) : null}
            <Alert severity={preview.updated > 0 ? 'warning' : 'info'} sx={{ mb: 2 }} data-testid="import-preview-summary">
              Nothing is stored yet.{' '}
              {preview.inserted === 0 && preview.updated === 0
                ? `Loading this ${kindLabel(preview.kind).toLowerCase()} file would change nothing: its records are already loaded as they are`
                : `Loading this ${kindLabel(preview.kind).toLowerCase()} file would add ${plural(preview.inserted, 'new record', 'new records')}`}
              {preview.updated > 0 ? (
                <>
                  {' '}
                  and <strong>change {plural(preview.updated, 'record', 'records')} already loaded</strong>
                </>
              ) : null}
              {preview.rejected > 0 ? `, and reject ${plural(preview.rejected, 'row', 'rows')}` : ''}.
            </Alert>
            <Facts>
              {COUNTS.map(({ key, id, term, note }) => (
                <Fact key={key} term={term} note={note}>
                  <strong data-testid={`preview-count-${id}`}>{String(preview[key])}</strong>
                </Fact>
              ))}
              {preview.ignoredColumns.length ? (
                <Fact term="Ignored columns" note="These columns are not used, so their values would not be stored.">
                  {ignoredColumnsText(preview)}
                </Fact>
              ) : null}
            </Facts>

            {preview.changes.length > 0 ? (
              <Section id="preview-changes" title={preview.updated > preview.changes.length ? `The first ${preview.changes.length} of the ${formatCount(preview.updated)} records it would change` : 'The records it would change'}>
                <Table size="small" data-testid="preview-changes" aria-labelledby="preview-changes-heading">
                  <TableHead>
                    <TableRow>
                      <TableCell component="th" scope="col">Line</TableCell>
                      <TableCell component="th" scope="col">Record</TableCell>
                      <TableCell component="th" scope="col">What changes (now → from the file)</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.changes.map((change) => (
                      <TableRow key={change.line}>
                        <TableCell>{formatCount(change.line)}</TableCell>
                        <TableCell>{keyText(change)}</TableCell>
                        <TableCell>
                          <ChangeList change={change} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Section>
            ) : null}

            {preview.rejects.length > 0 ? (
              <Section id="preview-rejects" title={preview.rejected > preview.rejects.length ? `The first ${preview.rejects.length} of the ${formatCount(preview.rejected)} rows it would reject` : 'The rows it would reject'}>
                <Table size="small" data-testid="preview-rejects" aria-labelledby="preview-rejects-heading">
                  <TableHead>
                    <TableRow>
                      <TableCell component="th" scope="col">Line</TableCell>
                      <TableCell component="th" scope="col">Column</TableCell>
                      <TableCell component="th" scope="col">Value</TableCell>
                      <TableCell component="th" scope="col">Reason</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.rejects.map((r) => (
                      <TableRow key={`${r.line}-${r.column ?? ''}`}>
                        <TableCell>{formatCount(r.line)}</TableCell>
                        <TableCell>{r.column ?? ''}</TableCell>
                        <TableCell>{r.value ?? ''}</TableCell>
                        <TableCell>{r.reason}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Section>
            ) : null}
          </>
        )}

        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
          {refused ? null : (
            <Button variant="contained" size="large" onClick={onLoad} startIcon={<UploadFileIcon aria-hidden="true" />} data-testid="import-load">
              {loadButtonLabel(preview)}
            </Button>
          )}
          <Button variant="outlined" onClick={onAnother}>
            Choose another file
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};
