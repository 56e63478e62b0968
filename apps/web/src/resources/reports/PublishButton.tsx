import { useId, useState, type FormEvent } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import PublishIcon from '@mui/icons-material/Publish';
import { useQueryClient } from '@tanstack/react-query';
import { useGetList, useNotify, useRefresh } from 'react-admin';
import type { ReportVersionRecord } from '@sra/contracts';
import { errorMessage, needsReason, publishReport, useReportRights } from './api';
import { formatMonth, REPORT_RESOURCE } from './words';
import { ReasonField } from './ReasonField';

/**
 * "Publish" (analysts and admins), on a draft that is the latest version of its month. A month published before
 * needs a reason for the new version, unless the draft was made with one.
 */
export const PublishButton = ({ record }: { record: ReportVersionRecord }) => {
  const { canManage, isPending } = useReportRights();
  const [open, setOpen] = useState(false);
  if (isPending || !canManage || record.status !== 'draft' || record.superseded) return null;
  return (
    <>
      <MuiButton variant="contained" startIcon={<PublishIcon aria-hidden="true" />} onClick={() => setOpen(true)} data-testid="report-publish">
        Publish
      </MuiButton>
      {open ? <PublishDialog record={record} onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const PublishDialog = ({ record, onClose }: { record: ReportVersionRecord; onClose: () => void }) => {
  const titleId = useId();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  // Was another version of this month published? Then this one must say why it replaces it.
  const { total: publishedBefore = 0 } = useGetList<ReportVersionRecord>(REPORT_RESOURCE, {
    filter: { month: record.month, status: 'published' },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'version', order: 'DESC' },
  });
  const [serverAsks, setServerAsks] = useState(false);
  const askReason = (publishedBefore > 0 && !record.reason) || serverAsks;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (askReason && !reason.trim()) {
      setError('Say why this version replaces the one published before.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      const published = await publishReport(String(record.id), askReason ? reason : undefined);
      await queryClient.invalidateQueries({ queryKey: [REPORT_RESOURCE] });
      notify(`${formatMonth(published.month)}, version ${published.version}, is published.`, { type: 'success' });
      onClose();
      refresh();
    } catch (e) {
      if (needsReason(e)) setServerAsks(true);
      setError(errorMessage(e, 'The report could not be published. Please try again.'));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid="report-publish-dialog">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Publish {formatMonth(record.month)}, version {record.version}?
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            Once published, this version is final: its figures and files never change. If the data of the month changes
            later, make a new version; this one stays available.
          </Typography>
          {askReason ? (
            <ReasonField
              id="report-publish-reason"
              label="Why this version replaces the one published before"
              value={reason}
              onChange={setReason}
              helperText="For example “late arrests file loaded”. It is shown with this version."
            />
          ) : null}
          {error ? (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="report-publish-error">
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>Cancel</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={sending} data-testid="report-publish-submit">
            {sending ? 'Publishing…' : 'Publish'}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
