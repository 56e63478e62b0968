import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput, TopToolbar } from 'react-admin';
import { DEFAULT_SUPPRESSION_THRESHOLD, type ReportVersionRecord } from '@sra/contracts';
import { collapsedColumns, Secondary, TableBox } from '../../components/Collapse';
import { ShowLink } from '../../components/ShowLink';
import { useReportRights } from './api';
import { NewReportButton } from './NewReportButton';
import { ReportStatusChip, SupersededChip } from './ReportStatusChip';
import { EDITIONS_EXPLAINED, formatCount, formatDateTime, formatMonth, STATUS_CHOICES, suppressionExplanation } from './words';

const monthFilter = (
  <TextInput
    key="month"
    source="month"
    label="Month"
    type="month"
    alwaysOn
    resettable={false}
    slotProps={{ inputLabel: { shrink: true } }}
    sx={{ minWidth: 200 }}
  />
);
const statusFilter = <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} emptyText="Any status" alwaysOn />;
/** Viewers see published versions only (the server sends no draft), so a status filter would choose nothing. */
const filtersFor = (seesDrafts: boolean) => (seesDrafts ? [monthFilter, statusFilter] : [monthFilter]);

const ReportListActions = () => (
  <TopToolbar>
    <NewReportButton />
  </TopToolbar>
);

/** Shown instead of the table when no report was made yet (or, for a viewer, none was published yet). */
const NoReportsYet = () => {
  const { canReadInternal: seesDrafts } = useReportRights();
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} data-testid="reports-empty">
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        {seesDrafts ? 'No reports yet' : 'No report published yet'}
      </Typography>
      <Typography variant="body2" sx={{ mb: 3, maxWidth: '60ch', mx: 'auto' }}>
        {seesDrafts
          ? 'A draft of last month’s report is made on the first of each month. Analysts and admins can also make one for any month with “New report”.'
          : 'Each month’s report appears here once the task force has published it.'}
      </Typography>
      <NewReportButton />
    </Box>
  );
};

/** Who did it and when, on two lines. */
const WhenWho = ({ at, by, testId }: { at: string | null; by: string | null; testId: string }) =>
  at ? (
    <Box component="span" data-testid={testId} sx={{ display: 'block', minWidth: '10em' }}>
      <time dateTime={at}>{formatDateTime(at)}</time>
      {by ? (
        <Box component="span" sx={{ display: 'block', color: 'text.secondary', wordBreak: 'break-word' }}>
          by {by}
        </Box>
      ) : null}
    </Box>
  ) : (
    <span data-testid={testId}>Not yet</span>
  );

/**
 * The list's figures at a glance. The server gives them exactly; viewers, who read only public figures, see a
 * small count as the public edition shows it ("<11").
 */
/** A count of the list; null when the server hid it (a small count, for a role without case-level access). */
const Figure = ({ value, testId }: { value: number | null; testId: string }) => {
  const threshold = DEFAULT_SUPPRESSION_THRESHOLD;
  if (value === null) {
    const display = `<${threshold}`;
    return (
      <abbr title={suppressionExplanation(display, threshold)} data-testid={testId} data-suppressed="true">
        {display}
      </abbr>
    );
  }
  return <span data-testid={testId}>{formatCount(value)}</span>;
};

const Column = DataTable.Col<ReportVersionRecord>;

/** Who published and why go first on a narrow screen; the figures on a phone (they are in each report). */
const collapsed = collapsedColumns([
  { below: 'md', sources: ['publishedAt', 'reason'] },
  { below: 'sm', sources: ['version', 'eligibleReports', 'flaggedReports', 'flags'] },
]);

/**
 * `GET /api/reports`: every version of every month's report, newest month first; for a viewer, the published
 * versions only.
 */
export const ReportList = () => {
  const { canReadInternal: seesDrafts } = useReportRights();
  return (
    <List
      title="Reports"
      filters={filtersFor(seesDrafts)}
      actions={<ReportListActions />}
      empty={<NoReportsYet />}
      sort={{ field: 'month', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '90ch' }}>
        The monthly compliance reports, one row per version. A version never changes once made; when the data of a month
        changes, a new version is made, with the reason.{' '}
        {seesDrafts ? 'The figures here add up the rules, so a report covered by two rules counts twice; each report gives them rule by rule. ' : ''}
        {EDITIONS_EXPLAINED}
        {seesDrafts ? '' : ' You see the published versions; their figures are in each report.'}
      </Typography>
      <TableBox testId="reports-table-box">
      <DataTable rowClick="show" bulkActionButtons={false} data-testid="reports-table" sx={collapsed}>
        <Column
          source="month"
          label="Month"
          render={(report) => (
            <>
              <ShowLink>
                <span data-testid={`report-link-${report.id}`} style={{ whiteSpace: 'nowrap' }}>
                  {formatMonth(report.month)}
                </span>
              </ShowLink>
              <Secondary below="sm">Version {report.version}</Secondary>
            </>
          )}
        />
        <Column source="version" label="Version" render={(report) => <span data-testid={`report-version-${report.id}`}>{report.version}</span>} />
        <Column
          source="status"
          label="Status"
          render={(report) => (
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
              <ReportStatusChip status={report.status} testId={`report-status-${report.id}`} />
              {report.superseded ? <SupersededChip testId={`report-superseded-${report.id}`} /> : null}
            </Box>
          )}
        />
        <Column
          source="generatedAt"
          label="Made"
          render={(report) => <WhenWho at={report.generatedAt} by={report.generatedBy} testId={`report-generated-${report.id}`} />}
        />
        <Column
          source="publishedAt"
          label="Published"
          disableSort
          render={(report) => <WhenWho at={report.publishedAt} by={report.publishedBy} testId={`report-published-${report.id}`} />}
        />
        <Column
          source="reason"
          label="Reason for this version"
          disableSort
          sx={{ minWidth: '12em' }}
          render={(report) => <span data-testid={`report-reason-${report.id}`}>{report.reason ?? 'None'}</span>}
        />
        {/* The figures at a glance are for case-level roles: a viewer reads them in the public edition (issue 12). */}
        {seesDrafts ? (
          <Column
            source="eligibleReports"
            label="Eligible reports"
            disableSort
            align="right"
            render={(report) => <Figure value={report.eligibleReports} testId={`report-eligible-${report.id}`} />}
          />
        ) : null}
        {seesDrafts ? (
          <Column
            source="flaggedReports"
            label="Flagged reports"
            disableSort
            align="right"
            render={(report) => <Figure value={report.flaggedReports} testId={`report-flagged-${report.id}`} />}
          />
        ) : null}
        {seesDrafts ? (
          <Column source="flags" label="Flags" disableSort align="right" render={(report) => <Figure value={report.flags} testId={`report-flags-${report.id}`} />} />
        ) : null}
      </DataTable>
      </TableBox>
    </List>
  );
};
