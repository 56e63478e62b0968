import { formatDateTime as formatMoment } from '@sra/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button, Divider, TableCell, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import {
  DataTable,
  Link,
  ListButton,
  Pagination,
  ReferenceManyField,
  Show,
  TopToolbar,
  useCanAccess,
  useListContext,
  useRecordContext,
} from 'react-admin';
import type { ImportBatchRecord, ImportRejectRecord } from '@sra/contracts';
import { API_ROOT } from '../../providers/http';
import { BatchCounts } from './BatchCounts';
import { Fact, Facts } from '../../components/Facts';
import {
  describeRefusalPlace,
  formatCount,
  formatFileSize,
  formatSeconds,
  ignoredColumnsText,
  kindLabel,
  sourceLabel,
} from './kinds';
import { StatusChip } from './StatusChip';
import { describeCodeLink } from '../incident-codes/words';
import { RecordTable } from '../incidents/parts';
import { EvaluationOutcomeView, outcomePending } from '../../components/EvaluationOutcomeView';

function formatDateTime(value: string | null | undefined): string {
  return formatMoment(value);
}

function secondsBetween(start: string, end: string): number | null {
  const seconds = (Date.parse(end) - Date.parse(start)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export function rejectsCsvUrl(batchId: string): string {
  return `${API_ROOT}/import-batches/${encodeURIComponent(batchId)}/rejects.csv`;
}

const BatchTitle = () => {
  const batch = useRecordContext<ImportBatchRecord>();
  return <span>{batch ? `Import of ${batch.fileName}` : 'Import'}</span>;
};

const BatchActions = () => (
  <TopToolbar>
    <ListButton label="All imports" />
  </TopToolbar>
);

/** A titled part of the page: an h2 and what it is about. */
const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} sx={{ py: 2 }}>
    <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1.5 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

const Summary = ({ batch }: { batch: ImportBatchRecord }) => {
  if (batch.status === 'refused') {
    const place = describeRefusalPlace(batch.refusalLine, batch.refusalColumn);
    return (
      <Alert severity="error" data-testid="batch-refusal">
        <AlertTitle>The file was refused as a whole: nothing from it was stored</AlertTitle>
        <span data-testid="batch-refusal-reason">{batch.refusalReason ?? 'The server gave no reason.'}</span>
        {place ? <Box component="span" sx={{ display: 'block', mt: 0.5 }}>{place}</Box> : null}
      </Alert>
    );
  }
  if (batch.status === 'failed') {
    return (
      <Alert severity="error" data-testid="batch-failure">
        <AlertTitle>The load failed part-way: nothing from the file was stored</AlertTitle>
        <span data-testid="batch-failure-reason">{batch.refusalReason ?? 'The server gave no reason.'}</span>
        <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
          The file itself may be fine: once the problem is solved, load it again.
        </Box>
      </Alert>
    );
  }
  if (batch.rejected > 0) {
    return (
      <Alert severity="warning">
        The file was loaded, but {formatCount(batch.rejected)} {batch.rejected === 1 ? 'row was' : 'rows were'} rejected
        and not stored. They are listed below with the reason for each.
      </Alert>
    );
  }
  return <Alert severity="success">The file was loaded. Every row passed the checks.</Alert>;
};

/** Free-text search in the reasons of the rejected rows (`q`), as the person types. */
const RejectsSearch = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext<ImportRejectRecord>();
  const current = typeof filterValues.q === 'string' ? filterValues.q : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return (
    <MuiTextField
      id="rejects-search"
      label="Search the reasons"
      size="small"
      value={text}
      onChange={(event) => {
        const value = event.target.value;
        setText(value);
        const { q: _previous, ...rest } = filterValues;
        setFilters(value.trim() ? { ...rest, q: value.trim() } : rest, displayedFilters, true);
      }}
      sx={{ mb: 1, minWidth: { sm: 320 } }}
    />
  );
};

const RejectColumn = DataTable.Col<ImportRejectRecord>;

const NoMatchingRejects = () => (
  <Typography variant="body2" sx={{ py: 2 }}>
    No rejected row matches this search.
  </Typography>
);

const RejectedRows = ({ batch }: { batch: ImportBatchRecord }) => {
  if (batch.status === 'refused') {
    return (
      <Typography variant="body2">
        None: the file was refused before any row was checked. Fix the problem above and load the file again.
      </Typography>
    );
  }
  if (batch.status === 'failed') {
    return <Typography variant="body2">None: the load stopped before its rows were stored.</Typography>;
  }
  if (batch.rejected === 0) {
    return <Typography variant="body2">None: every row passed the checks.</Typography>;
  }
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '75ch' }}>
        These rows were not loaded. Each one shows its line in the file (line 1 is the header row), the column with the
        problem, the value found there and why it was rejected. Correct them in the source file and load it again: the
        rows already loaded stay as they are.
      </Typography>
      <Button
        component="a"
        href={rejectsCsvUrl(batch.id)}
        download
        variant="outlined"
        startIcon={<DownloadIcon aria-hidden="true" />}
        data-testid="rejects-download"
        sx={{ mb: 2 }}
      >
        Download rejected rows (CSV)
      </Button>
      <ReferenceManyField<ImportBatchRecord, ImportRejectRecord>
        reference="import-rejects"
        target="batchId"
        sort={{ field: 'line', order: 'ASC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      >
        <RejectsSearch />
        <DataTable<ImportRejectRecord>
          rowClick={false}
          bulkActionButtons={false}
          data-testid="batch-rejects"
          empty={<NoMatchingRejects />}
        >
          <RejectColumn source="line" label="Line" render={(reject) => String(reject.line)} />
          <RejectColumn source="column" label="Column" render={(reject) => reject.column ?? 'Whole row'} />
          <RejectColumn
            source="value"
            label="Value"
            disableSort
            sx={{ wordBreak: 'break-word', maxWidth: '24em' }}
            render={(reject) => (reject.value === null ? 'None' : reject.value === '' ? '(empty)' : reject.value)}
          />
          <RejectColumn source="reason" label="Reason" />
        </DataTable>
      </ReferenceManyField>
    </>
  );
};

/** The codes of the file's rows that the incident-code catalog did not know when it was loaded (incidents only). */
const UnknownCodes = ({ batch }: { batch: ImportBatchRecord }) => {
  const canDescribe = useCanAccess({ resource: 'incident-codes', action: 'create' }).canAccess === true;
  const codes = batch.unknownCodes ?? [];
  if (codes.length === 0) {
    return <Typography variant="body2">None: every code of the loaded rows is in the catalog.</Typography>;
  }
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '75ch' }}>
        These rows were loaded with their code as the file gives it, but the incident-code catalog did not know the code.
        {canDescribe ? ' Describe a code to add it to the catalog, with where its description comes from.' : ' An admin can describe them.'}
      </Typography>
      <RecordTable labelledBy="batch-unknown-codes-heading" headers={['Code, as the file describes it', 'Rows', 'Catalog']} testId="batch-unknown-codes">
        {codes.map((c) => (
          <TableRow key={c.code} data-testid="batch-unknown-code">
            <TableCell>
              <Box component="span" sx={{ display: 'block', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>
                {c.code}
              </Box>
              <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                {c.descriptionInFile ?? 'No description given'}
              </Box>
            </TableCell>
            <TableCell data-testid="batch-unknown-code-rows">{formatCount(c.rows)}</TableCell>
            <TableCell>
              {c.describedAs ? (
                <span data-testid="batch-unknown-code-described">{`Described since as “${c.describedAs}”`}</span>
              ) : canDescribe ? (
                <Link to={describeCodeLink(c.code, c.descriptionInFile)} aria-label={`Describe code ${c.code}`} data-testid={`describe-code-${c.code}`}>
                  Describe
                </Link>
              ) : (
                'Not described yet'
              )}
            </TableCell>
          </TableRow>
        ))}
      </RecordTable>
    </>
  );
};

const BatchDetails = () => {
  const batch = useRecordContext<ImportBatchRecord>();
  if (!batch) return null;
  const took = secondsBetween(batch.startedAt, batch.finishedAt);
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, pt: 2, pb: 1.5, flexWrap: 'wrap' }}>
        <Typography component="span" variant="body1" sx={{ fontWeight: 600 }}>
          Status:
        </Typography>
        <StatusChip status={batch.status} />
        <span data-testid="batch-status" hidden>
          {batch.status}
        </span>
        {batch.isDemo ? (
          <Typography component="span" variant="body2">
            Demo data (synthetic records)
          </Typography>
        ) : null}
      </Box>
      <Summary batch={batch} />

      <Section id="batch-counts" title="What the load did">
        <BatchCounts counts={batch} testIdPrefix="batch-count" />
        <Box sx={{ mt: 1.5 }}>
          <Facts>
            <Fact
              term="Ignored columns"
              note={batch.ignoredColumns.length ? 'These columns are not used, so their values were not stored.' : undefined}
            >
              {ignoredColumnsText(batch)}
            </Fact>
            <Fact
              term="Charges not understood"
              note="Rows with a charge that could not be read as a statute. The charge text is kept as written."
            >
              {formatCount(batch.unparsedCharges)}
            </Fact>
          </Facts>
        </Box>
      </Section>
      <Divider />

      {batch.kind === 'incidents' && batch.status === 'loaded' ? (
        <>
          <Section id="batch-unknown-codes" title={`Codes not in the catalog (${formatCount(batch.unknownCodes?.length ?? 0)})`}>
            <UnknownCodes batch={batch} />
          </Section>
          <Divider />
        </>
      ) : null}

      {batch.evaluation ? (
        <>
          <Section id="batch-flags" title="What it did to the flags">
            <EvaluationOutcomeView
              outcome={batch.evaluation}
              subject="this load"
              waitingText={
                batch.source === 'http'
                  ? 'Evaluating… the flags will be brought up to date in a moment.'
                  : 'Not evaluated yet: the flags have not been brought up to date with this file (a file loaded from the command line with --no-evaluate waits for `audit evaluate`).'
              }
              testIdPrefix="batch-outcome"
            />
          </Section>
          <Divider />
        </>
      ) : null}

      <Section id="batch-file" title="About the file">
        <Facts>
          <Fact term="Kind of file">{kindLabel(batch.kind)}</Fact>
          <Fact term="File name">{batch.fileName}</Fact>
          <Fact term="Size">{batch.sizeBytes === null ? 'Not recorded' : formatFileSize(batch.sizeBytes)}</Fact>
          <Fact
            term="Fingerprint (SHA-256)"
            note="Computed from the file’s contents: the same file always gives the same fingerprint."
          >
            {batch.sha256 ? (
              <Box component="code" sx={{ fontFamily: 'monospace', fontSize: '0.85rem', wordBreak: 'break-all' }}>
                {batch.sha256}
              </Box>
            ) : (
              'Not recorded'
            )}
          </Fact>
          <Fact term="Loaded by">{batch.loadedBy}</Fact>
          <Fact term="How it was loaded">{sourceLabel(batch.source)}</Fact>
          <Fact term="Demo data">
            {batch.isDemo
              ? 'Yes: synthetic records generated for demonstration. They describe no real person or case.'
              : 'No'}
          </Fact>
          <Fact term="Started">{formatDateTime(batch.startedAt)}</Fact>
          <Fact term="Finished">{formatDateTime(batch.finishedAt)}</Fact>
          <Fact term="Time taken">{took === null ? '' : formatSeconds(took)}</Fact>
          <Fact term="Batch ID">
            <Box component="code" sx={{ fontFamily: 'monospace', fontSize: '0.85rem', wordBreak: 'break-all' }}>
              {batch.id}
            </Box>
          </Fact>
        </Facts>
      </Section>
      <Divider />

      <Section id="batch-rejects" title={`Rejected rows (${formatCount(batch.rejected)})`}>
        <RejectedRows batch={batch} />
      </Section>
    </Box>
  );
};

/** `GET /api/import-batches/:id` and its rejected rows (`GET /api/import-rejects?filter={"batchId":…}`). */
export const ImportShow = () => (
  <Show
    title={<BatchTitle />}
    actions={<BatchActions />}
    // Until its evaluation is done the batch is asked for again, so the page says what it did to the flags.
    queryOptions={{ refetchInterval: (query) => (outcomePending((query.state.data as ImportBatchRecord | undefined)?.evaluation) ? 2000 : false) }}
  >
    <BatchDetails />
  </Show>
);
