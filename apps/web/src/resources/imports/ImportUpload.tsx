import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  FormHelperText,
  LinearProgress,
  TextField,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Loading, Title, useCreatePath, useGetOne, useLocation, useRequireAccess } from 'react-admin';
import type { ImportBatchRecord, ImportBatchResult, ImportKindName, ImportPreview } from '@sra/contracts';
import { BatchCounts } from './BatchCounts';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { EvaluationOutcomeView, outcomePending } from '../../components/EvaluationOutcomeView';
import { Fact, Facts } from '../../components/Facts';
import {
  describeRefusalPlace,
  formatCount,
  formatFileSize,
  formatSeconds,
  ignoredColumnsText,
  IMPORT_KIND_NAMES,
  IMPORT_KINDS,
  isImportKindName,
  kindLabel,
} from './kinds';
import { sessionStillValid, SESSION_ENDED_MESSAGE, uploadImportFile } from './uploadFile';
import { SignInAgain } from '../../components/SignInAgain';
import { visuallyHidden } from '../../components/VisuallyHidden';

/** First the file is checked (a dry run: nothing stored), then, on the button, loaded. */
type Purpose = 'preview' | 'load';

type Phase =
  | { type: 'idle' }
  | { type: 'uploading'; percent: number | null; purpose: Purpose }
  | { type: 'processing'; purpose: Purpose }
  | { type: 'preview'; preview: ImportPreview; confirmedBefore?: number }
  | { type: 'result'; result: ImportBatchResult }
  | { type: 'error'; status: number; message: string };


/** Which kind is which: shown until one is chosen, then the chosen one with its columns. */
const KindHelp = ({ kind }: { kind: ImportKindName | '' }) => {
  if (!kind) {
    return (
      <Box id="import-kind-help" sx={{ mt: 1.5 }}>
        <Typography variant="body2" sx={{ mb: 0.5 }}>
          The four kinds of file:
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 3 }}>
          {IMPORT_KIND_NAMES.map((name) => (
            <Typography component="li" variant="body2" key={name} sx={{ mb: 0.5 }}>
              <strong>{IMPORT_KINDS[name].label}</strong>: {IMPORT_KINDS[name].description}
            </Typography>
          ))}
        </Box>
      </Box>
    );
  }
  const info = IMPORT_KINDS[kind];
  return (
    <Box id="import-kind-help" sx={{ mt: 1.5 }} data-testid="import-kind-help">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {info.description}
      </Typography>
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        Columns the file must have:
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {info.requiredColumns.map((column) => (
          <Typography component="li" variant="body2" key={column}>
            {column}
          </Typography>
        ))}
      </Box>
    </Box>
  );
};

/** "Uploading 45%", then "Checking and loading…" (indeterminate) while the server works. */
const UploadProgress = ({ phase }: { phase: Extract<Phase, { type: 'uploading' | 'processing' }> }) => {
  const uploading = phase.type === 'uploading';
  const percent = uploading ? phase.percent : null;
  const checking = phase.purpose === 'preview';
  const text = uploading
    ? percent === null
      ? 'Uploading…'
      : `Uploading ${percent}%`
    : checking
      ? 'Checking what the file would do…'
      : 'Checking and loading…';
  return (
    <Box sx={{ mt: 3 }}>
      <Typography id="import-progress-label" variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
        {text}
      </Typography>
      <LinearProgress
        data-testid="import-progress"
        aria-labelledby="import-progress-label"
        aria-valuetext={text}
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        sx={{ height: 8, borderRadius: 1 }}
      />
      <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
        {uploading
          ? 'The file is being sent to the server.'
          : checking
            ? 'The server runs the whole load and then undoes it: nothing is stored yet. A large file can take a minute or two.'
            : 'The server has the whole file and is checking every row. A large file can take a minute or two.'}
      </Typography>
    </Box>
  );
};

const BatchResultPanel = ({
  result,
  headingRef,
  onAnother,
}: {
  result: ImportBatchResult;
  headingRef: React.Ref<HTMLHeadingElement>;
  onAnother: () => void;
}) => {
  const createPath = useCreatePath();
  const batchPath = createPath({ resource: 'import-batches', id: result.batchId, type: 'show' });
  const refused = result.status === 'refused';
  const place = refused ? describeRefusalPlace(result.line, result.column) : '';
  return (
    <Card component="section" aria-labelledby="import-result-heading" data-testid="import-result" sx={{ mt: 3 }}>
      <CardContent>
        <Typography
          id="import-result-heading"
          ref={headingRef}
          tabIndex={-1}
          component="h2"
          variant="h6"
          sx={{ fontWeight: 600, mb: 1.5, '&:focus': { outline: 'none' }, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
        >
          {refused ? 'The file was refused' : 'The file was loaded'}
        </Typography>

        {refused ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            <AlertTitle>Nothing from this file was stored</AlertTitle>
            <span data-testid="import-refusal-reason">{result.reason ?? 'The server gave no reason.'}</span>
            {place ? (
              <Box component="span" sx={{ display: 'block', mt: 0.5 }} data-testid="import-refusal-place">
                {place}
              </Box>
            ) : null}
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              Fix the file, or choose the right kind, and load it again.
            </Box>
          </Alert>
        ) : result.rejected > 0 ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            The good rows were loaded, but {formatCount(result.rejected)}{' '}
            {result.rejected === 1 ? 'row was' : 'rows were'} rejected and not stored. The batch page lists each one
            with the reason.
          </Alert>
        ) : (
          <Alert severity="success" sx={{ mb: 2 }}>
            Every row passed the checks.
          </Alert>
        )}

        <Facts>
          <Fact term="Status">
            <strong data-testid="import-status">{result.status}</strong>
          </Fact>
          <Fact term="File">{result.fileName}</Fact>
          <Fact term="Kind of file">{kindLabel(result.kind)}</Fact>
        </Facts>
        <Box sx={{ mt: 1 }}>
          <BatchCounts counts={result} testIdPrefix="import-count" />
        </Box>
        <Box sx={{ mt: 1 }}>
          <Facts>
            <Fact
              term="Ignored columns"
              note={result.ignoredColumns.length ? 'These columns are not used, so their values were not stored.' : undefined}
            >
              <span data-testid="import-ignored-columns">
                {ignoredColumnsText(result)}
              </span>
            </Fact>
            <Fact
              term="Charges not understood"
              note="Rows with a charge that could not be read as a statute. The charge text is kept as written."
            >
              <span data-testid="import-unparsed-charges">{String(result.unparsedCharges)}</span>
            </Fact>
            <Fact term="Time taken">{formatSeconds(result.seconds)}</Fact>
          </Facts>
        </Box>

        {refused ? null : <LoadOutcome batchId={result.batchId} />}

        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 2.5 }}>
          <Link to={batchPath} data-testid="import-batch-link">
            {result.rejected > 0 ? 'Open the batch page to see the rejected rows' : 'Open the batch page'}
          </Link>
          <Button variant="outlined" onClick={onAnother}>
            Load another file
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};

/** What the load's evaluation did to the flags, asked again every 2 seconds until it is done. */
const LoadOutcome = ({ batchId }: { batchId: string }) => {
  const { data } = useGetOne<ImportBatchRecord>(
    'import-batches',
    { id: batchId },
    { refetchInterval: (query) => (outcomePending((query.state.data as ImportBatchRecord | undefined)?.evaluation) ? 2000 : false) },
  );
  if (!data?.evaluation) return null;
  return (
    <Box component="section" aria-labelledby="import-flags-heading" sx={{ mt: 2.5 }}>
      <Typography id="import-flags-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        What it did to the flags
      </Typography>
      <EvaluationOutcomeView outcome={data.evaluation} subject="this load" waitingText="Evaluating… the flags will be brought up to date in a moment." testIdPrefix="import-outcome" />
    </Box>
  );
};

const UploadError = ({
  status,
  message,
  headingRef,
}: {
  status: number;
  message: string;
  headingRef: React.Ref<HTMLHeadingElement>;
}) => {
  const title =
    status === 401
      ? 'You are no longer signed in'
      : status === 403
        ? 'Not allowed'
        : status === 0
          ? 'The upload did not reach the server'
          : 'The file could not be loaded';
  return (
    <Alert severity="error" sx={{ mt: 3 }} data-testid="import-error">
      <AlertTitle>
        <Typography
          id="import-error-heading"
          ref={headingRef}
          tabIndex={-1}
          component="h2"
          variant="subtitle1"
          sx={{ fontWeight: 600, '&:focus': { outline: 'none' } }}
        >
          {title}
        </Typography>
      </AlertTitle>
      {message}
      {status === 401 ? <SignInAgain /> : null}
    </Alert>
  );
};

/**
 * The upload page: choose the kind of file, choose the file, "Load". The file is
 * sent as it is (the browser does not read it), with a real progress bar, and the
 * batch the server made of it is shown with a link to its page. Coming to the page
 * again (e.g. from the menu) starts afresh.
 */
export const ImportUpload = () => {
  const { key } = useLocation();
  return <UploadPage key={key ?? 'upload'} />;
};

const UploadPage = () => {
  const { isPending: accessPending } = useRequireAccess({ resource: 'import-batches', action: 'create' });
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKindName | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ kind?: string; file?: string }>({});
  const [phase, setPhase] = useState<Phase>({ type: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const kindRef = useRef<HTMLSelectElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const outcomeHeadingRef = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(true);
  // The latest upload: a new choice stops the one before, and an answer to an older one is never shown.
  const latest = useRef<{ seq: number; abort: () => void }>({ seq: 0, abort: () => undefined });

  const busy = phase.type === 'uploading' || phase.type === 'processing';
  const showingOutcome = phase.type === 'result' || phase.type === 'error' || phase.type === 'preview';

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Leaving or reloading the page while the file is still being sent would cut the upload.
  useEffect(() => {
    if (phase.type !== 'uploading') return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [phase.type]);

  // Move the focus to the outcome, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (showingOutcome) outcomeHeadingRef.current?.focus();
  }, [phase, showingOutcome]);

  if (accessPending) return <Loading />;

  /** A new choice: the outcome shown was about the previous one. */
  const clearOutcome = () => {
    if (showingOutcome) {
      setPhase({ type: 'idle' });
      setAnnouncement('');
    }
  };

  // Choosing a file (with its kind) shows at once what loading it would do.
  const onKindChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    const chosen = isImportKindName(value) ? value : '';
    setKind(chosen);
    setErrors((previous) => ({ ...previous, kind: undefined }));
    clearOutcome();
    if (chosen && file) void send(chosen, file, 'preview');
  };

  const onFileChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setErrors((previous) => ({ ...previous, file: undefined }));
    clearOutcome();
    if (chosen && kind) void send(kind, chosen, 'preview');
  };

  const reset = () => {
    setPhase({ type: 'idle' });
    setAnnouncement('');
    setFile(null);
    setErrors({});
    if (fileRef.current) fileRef.current.value = '';
    kindRef.current?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems: { kind?: string; file?: string } = {};
    if (!kind) problems.kind = 'Choose the kind of file.';
    if (!file) problems.file = 'Choose the file to load.';
    setErrors(problems);
    if (!kind || !file) {
      (problems.kind ? kindRef.current : fileRef.current)?.focus();
      return;
    }
    void send(kind, file, 'preview');
  };

  /** Sends the file: to see what it would do (nothing stored), or to load it accepting the updates the preview named. */
  const send = async (sendKind: ImportKindName, sendFile: File, purpose: Purpose, confirmUpdates?: number) => {
    latest.current.abort();
    const seq = latest.current.seq + 1;
    latest.current = { seq, abort: () => undefined };
    const current = () => mounted.current && latest.current.seq === seq;
    setPhase({ type: 'uploading', percent: null, purpose });
    setAnnouncement(purpose === 'preview' ? `Checking ${sendFile.name}. Nothing is stored yet.` : `Uploading ${sendFile.name}.`);
    const upload = uploadImportFile(sendKind, sendFile, {
      dryRun: purpose === 'preview',
      confirmUpdates,
      onProgress: (fraction) => {
        if (!current()) return;
        setPhase((current) =>
          current.type === 'uploading' ? { type: 'uploading', percent: Math.floor(fraction * 100), purpose } : current,
        );
      },
      onSent: () => {
        if (!current()) return;
        setPhase({ type: 'processing', purpose });
        setAnnouncement(purpose === 'preview' ? 'The file is sent. The server is checking what it would do.' : 'The file is sent. The server is checking and loading it.');
      },
    });
    latest.current = { seq, abort: upload.abort };
    const outcome = await upload.done;
    // The list of imports now has one more batch.
    if (purpose === 'load') void queryClient.invalidateQueries({ queryKey: ['import-batches'] });
    if (!current()) return;
    if (outcome.type === 'result') {
      setPhase({ type: 'result', result: outcome.result });
      setAnnouncement(outcome.result.status === 'loaded' ? 'Finished: the file was loaded.' : 'Finished: the file was refused.');
      return;
    }
    if (outcome.type === 'preview') {
      const confirmedBefore = outcome.preview.status === 'needs-confirmation' ? confirmUpdates : undefined;
      setPhase({ type: 'preview', preview: outcome.preview, confirmedBefore });
      setAnnouncement(
        outcome.preview.status === 'refused'
          ? 'Checked: the file cannot be loaded.'
          : `Checked: ${outcome.preview.inserted} new, ${outcome.preview.updated} existing records updated, ${outcome.preview.rejected} rows rejected. Nothing is stored yet.`,
      );
      return;
    }
    let { status, message } = outcome;
    if (status === 0 && (await sessionStillValid()) === false) {
      status = 401;
      message = SESSION_ENDED_MESSAGE;
    }
    if (!current()) return;
    setPhase({ type: 'error', status, message });
    setAnnouncement('The file could not be loaded.');
  };

  return (
    <Box sx={{ py: 2, maxWidth: 900 }}>
      <Title title="Load a file" />
      <Box sx={{ mb: 2 }}>
        <Link to="/import-batches">Back to all imports</Link>
      </Box>
      <Card component="section" aria-labelledby="import-form-heading">
        <CardContent>
          <Typography id="import-form-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
            Load a CSV file
          </Typography>
          <Typography variant="body2" sx={{ mb: 2, maxWidth: '75ch' }}>
            Files are CSV (UTF-8) with a header row. Column names may be written in any case, with spaces or
            underscores. A file with a column that names a person (name, date of birth, address, phone, …) is refused
            whole. Loading the same file again changes nothing; a corrected file updates the rows it changes. Choosing a
            file first shows what loading it would do (nothing is stored until you press the button to load it).
          </Typography>

          <Box component="form" noValidate onSubmit={onSubmit}>
            <TextField
              select
              id="import-kind"
              label="Kind of file"
              value={kind}
              onChange={onKindChange}
              required
              disabled={busy}
              error={Boolean(errors.kind)}
              helperText={errors.kind ?? 'What the file holds.'}
              sx={{ minWidth: { xs: '100%', sm: 360 } }}
              slotProps={{
                // Keep the help readable (4.5:1) while the form is locked during a load.
                formHelperText: { sx: { '&.Mui-disabled': { color: 'text.secondary' } } },
                select: { native: true },
                inputLabel: { shrink: true },
                htmlInput: {
                  ref: kindRef,
                  'data-testid': 'import-kind',
                  'aria-describedby': 'import-kind-helper-text import-kind-help',
                },
              }}
            >
              <option value="" disabled>
                Choose the kind of file…
              </option>
              {IMPORT_KIND_NAMES.map((name) => (
                <option key={name} value={name}>
                  {IMPORT_KINDS[name].label}
                </option>
              ))}
            </TextField>
            <KindHelp kind={kind} />

            <Box sx={{ mt: 3 }}>
              <Typography
                component="label"
                htmlFor="import-file"
                variant="body1"
                sx={{ display: 'block', fontWeight: 600, mb: 1 }}
              >
                File to load (CSV) *
              </Typography>
              <Box
                component="input"
                ref={fileRef}
                id="import-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                disabled={busy}
                onChange={onFileChange}
                aria-invalid={errors.file ? true : undefined}
                aria-describedby="import-file-help"
                data-testid="import-file"
                sx={{ display: 'block', fontSize: '1rem', maxWidth: '100%' }}
              />
              <FormHelperText id="import-file-help" error={Boolean(errors.file)}>
                {errors.file ??
                  (file
                    ? `Chosen: ${file.name} (${formatFileSize(file.size)}).`
                    : 'The file is sent to the server as it is; nothing is read in the browser.')}
              </FormHelperText>
            </Box>

            <Button
              type="submit"
              variant="contained"
              color="primary"
              size="large"
              disabled={busy}
              startIcon={<UploadFileIcon aria-hidden="true" />}
              data-testid="import-submit"
              sx={{ mt: 3 }}
            >
              {busy ? 'Working…' : phase.type === 'preview' ? 'Check the file again' : 'Check the file'}
            </Button>
          </Box>

          {phase.type === 'uploading' || phase.type === 'processing' ? <UploadProgress phase={phase} /> : null}
        </CardContent>
      </Card>

      <Box role="status" sx={visuallyHidden}>
        {announcement}
      </Box>

      {phase.type === 'preview' && kind && file ? (
        <ImportPreviewPanel
          preview={phase.preview}
          confirmedBefore={phase.confirmedBefore}
          headingRef={outcomeHeadingRef}
          onLoad={() => void send(kind, file, 'load', phase.preview.updated)}
          onAnother={reset}
        />
      ) : null}
      {phase.type === 'result' ? (
        <BatchResultPanel result={phase.result} headingRef={outcomeHeadingRef} onAnother={reset} />
      ) : null}
      {phase.type === 'error' ? (
        <UploadError status={phase.status} message={phase.message} headingRef={outcomeHeadingRef} />
      ) : null}
    </Box>
  );
};
