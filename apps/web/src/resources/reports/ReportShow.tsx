import { useDeferredValue, useState } from 'react';
import { Alert, Box, Button as MuiButton, CircularProgress, Divider, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Link, ListButton, Show, useCreatePath, useRecordContext } from 'react-admin';
import { REPORT_FORMATS, type ReportEdition, type ReportVersionRecord } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { API_ROOT } from '../../providers/http';
import { useReportDocument, useReportRights } from './api';
import { PrintStyles } from './PrintStyles';
import { PublishButton } from './PublishButton';
import { ReportDocumentView } from './ReportDocumentView';
import { ReportStatusChip, SupersededChip } from './ReportStatusChip';
import {
  EDITION_LABELS,
  EDITIONS_EXPLAINED,
  fileUrl,
  FORMAT_EXPLANATIONS,
  FORMAT_LABELS,
  formatDateTime,
  REPORT_RESOURCE,
  reportName,
} from './words';

const ReportTitle = () => {
  const record = useRecordContext<ReportVersionRecord>();
  return <span>{record ? reportName(record) : 'Report'}</span>;
};

/** Public or Internal: case-level roles choose; viewers read the public edition only and see no switch. */
const EditionSwitch = ({ edition, onChange }: { edition: ReportEdition; onChange: (edition: ReportEdition) => void }) => (
  <ToggleButtonGroup
    exclusive
    size="small"
    value={edition}
    onChange={(_, value: ReportEdition | null) => value && onChange(value)}
    aria-label="Edition"
    data-testid="report-edition"
  >
    {(['internal', 'public'] as const).map((value) => (
      <ToggleButton key={value} value={value} data-testid={`report-edition-${value}`} sx={{ px: 2, color: 'text.primary' }}>
        {EDITION_LABELS[value]}
      </ToggleButton>
    ))}
  </ToggleButtonGroup>
);

/** Download links for the files of the edition shown (the server names each file). */
const Downloads = ({ id, edition }: { id: string; edition: ReportEdition }) => (
  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }} role="group" aria-label={`Download the ${EDITION_LABELS[edition].toLowerCase()} edition`}>
    {REPORT_FORMATS.map((format) => (
      <MuiButton
        key={format}
        component="a"
        href={fileUrl(API_ROOT, id, edition, format)}
        download
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon aria-hidden="true" />}
        title={FORMAT_EXPLANATIONS[format]}
        data-testid={`report-download-${format}`}
      >
        Download {FORMAT_LABELS[format]}
      </MuiButton>
    ))}
  </Box>
);

/** Where this version stands among the month's versions. */
const VersionFacts = ({ record }: { record: ReportVersionRecord }) => {
  const createPath = useCreatePath();
  const monthList = `${createPath({ resource: REPORT_RESOURCE, type: 'list' })}?filter=${encodeURIComponent(JSON.stringify({ month: record.month }))}`;
  return (
    <Facts>
      <Fact term="Status">
        <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }}>
          <ReportStatusChip status={record.status} testId="report-status" />
          {record.superseded ? <SupersededChip testId="report-superseded" /> : null}
        </Box>
      </Fact>
      <Fact term="Made">
        {formatDateTime(record.generatedAt)} by {record.generatedBy}
      </Fact>
      <Fact term="Published">
        <span data-testid="report-published">{record.publishedAt ? `${formatDateTime(record.publishedAt)} by ${record.publishedBy ?? 'unknown'}` : 'Not yet'}</span>
      </Fact>
      {record.reason ? (
        <Fact term="Reason for this version">
          <span data-testid="report-reason">{record.reason}</span>
        </Fact>
      ) : null}
      <Fact term="Other versions">
        <Link to={monthList} className="report-no-print">
          Every version of this month
        </Link>
      </Fact>
    </Facts>
  );
};

const ReportPage = () => {
  const record = useRecordContext<ReportVersionRecord>();
  const rights = useReportRights();
  const [chosen, setChosen] = useState<ReportEdition | null>(null);
  // Case-level roles start on the internal edition, everyone else on the public one (the only one they may read).
  const edition: ReportEdition | null = !rights.canReadInternal ? (rights.isPending ? null : 'public') : (chosen ?? 'internal');
  const id = record ? String(record.id) : undefined;
  const { data: fetched, error, isPending } = useReportDocument(id, edition);
  // Drawn in a background render, in slices, rather than in one long task when it arrives (issue 14: total
  // blocking time); until then the page shows what it showed.
  const document = useDeferredValue(fetched);
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pb: 3 }}>
      <PrintStyles />
      <Box className="report-no-print" sx={{ pt: 2 }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mb: 1.5 }} data-testid="report-toolbar">
          {rights.canReadInternal && edition ? (
            <EditionSwitch edition={edition} onChange={setChosen} />
          ) : (
            <Typography variant="body2" data-testid="report-edition-public-only">
              Public edition
            </Typography>
          )}
          <PublishButton record={record} />
          {edition ? <Downloads id={String(record.id)} edition={edition} /> : null}
          <MuiButton variant="outlined" size="small" startIcon={<PrintIcon aria-hidden="true" />} onClick={() => window.print()} data-testid="report-print">
            Print
          </MuiButton>
        </Box>
        <Typography variant="body2" sx={{ mb: 2, maxWidth: '90ch', color: 'text.secondary' }} data-testid="report-editions-explained">
          {EDITIONS_EXPLAINED}
          {rights.canReadInternal ? '' : ' Your role reads the public edition.'}
        </Typography>
        {record.superseded ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            A newer version of this month’s report exists. This one is kept as it was, for the record.
          </Alert>
        ) : record.status === 'draft' ? (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="report-draft-notice">
            {/* Only case-level roles ever see a draft; only those who publish are asked to. */}
            Draft: not published yet.{rights.canManage ? ' Check the figures, then publish it.' : ''}
          </Alert>
        ) : null}
        <VersionFacts record={record} />
        <Divider sx={{ mt: 2, mb: 2 }} />
      </Box>
      {document && document === fetched ? (
        <ReportDocumentView document={document} />
      ) : error && !isPending && !fetched ? (
        <Alert severity="error" data-testid="report-error">
          The report could not be loaded: {error.message}
        </Alert>
      ) : (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
          <CircularProgress size={20} aria-label="Loading the report" />
          <Typography variant="body2">Loading the report…</Typography>
        </Box>
      )}
    </Box>
  );
};

const ReportShowActions = () => (
  <Box className="report-no-print" sx={{ display: 'flex', justifyContent: 'flex-end', py: 1 }}>
    <ListButton label="All reports" />
  </Box>
);

/** `GET /api/reports/:id` and its document, in the edition the role may read. */
export const ReportShow = () => (
  <Show title={<ReportTitle />} actions={<ReportShowActions />}>
    <ReportPage />
  </Show>
);
