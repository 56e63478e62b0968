import { useId, useState, type FormEvent } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify, useRedirect } from 'react-admin';
import { errorMessage, generateReport, needsReason, useReportRights } from './api';
import { currentMonth, formatMonth, REPORT_RESOURCE } from './words';
import { ReasonField } from './ReasonField';

/**
 * "New report" (analysts and admins): asks a month, then makes a new draft of its report from the data as it is
 * now. When the month was already published, the server asks why a new version is needed, and so does the dialog.
 */
export const NewReportButton = () => {
  const { canManage, isPending } = useReportRights();
  const [open, setOpen] = useState(false);
  if (isPending || !canManage) return null;
  return (
    <>
      <MuiButton
        variant="contained"
        startIcon={<AddIcon aria-hidden="true" />}
        onClick={() => setOpen(true)}
        data-testid="report-new"
      >
        New report
      </MuiButton>
      {open ? <NewReportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const NewReportDialog = ({ onClose }: { onClose: () => void }) => {
  const titleId = useId();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState('');
  const [reason, setReason] = useState('');
  const [askReason, setAskReason] = useState(false);
  const [message, setMessage] = useState<{ text: string; severity: 'info' | 'error' } | null>(null);
  const [sending, setSending] = useState(false);
  const latest = currentMonth();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}$/.test(month)) {
      setMessage({ text: 'Choose the month the report is for.', severity: 'error' });
      return;
    }
    if (askReason && !reason.trim()) {
      setMessage({ text: 'Say why this month needs a new version.', severity: 'error' });
      return;
    }
    setSending(true);
    setMessage(null);
    try {
      const created = await generateReport(month, askReason ? reason : undefined);
      await queryClient.invalidateQueries({ queryKey: [REPORT_RESOURCE] });
      notify(`Draft ready: ${formatMonth(created.month)}, version ${created.version}. Check it, then publish it.`, { type: 'success' });
      onClose();
      redirect('show', REPORT_RESOURCE, created.id);
    } catch (e) {
      // The server's own words, e.g. "2022-05 was already published (version 1): a new version needs a reason".
      const asked = needsReason(e);
      if (asked) setAskReason(true);
      setMessage({ text: errorMessage(e, 'The report could not be made. Please try again.'), severity: asked && !askReason ? 'info' : 'error' });
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid="report-new-dialog">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>New report</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            Makes a draft of the month’s report from the data as it is now. Nothing is shared until the draft is
            published. If the month already has a report, this makes a new version of it; earlier versions stay as they
            were.
          </Typography>
          <TextField
            id="report-new-month"
            label="Month"
            type="month"
            value={month}
            onChange={(event) => {
              setMonth(event.target.value);
              setAskReason(false);
              setMessage(null);
            }}
            required
            fullWidth
            autoFocus
            helperText="The month the report covers (for example May 2022)."
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: latest, 'data-testid': 'report-new-month' } }}
          />
          {askReason ? (
            <ReasonField
              id="report-new-reason"
              label="Why a new version is needed"
              value={reason}
              onChange={setReason}
              helperText="This month was already published. Say what changed, for example “late arrests file loaded”. It is shown with the new version."
            />
          ) : null}
          {message ? (
            <Alert severity={message.severity} role="alert" sx={{ mt: 2 }} data-testid="report-new-error">
              {message.text}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>Cancel</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={sending} data-testid="report-new-submit">
            {sending ? 'Making the draft…' : 'Make the draft'}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
