import { useState } from 'react';
import { Alert, Box, Button, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useNotify } from 'react-admin';
import { downloadMinutes, type MinutesFormat } from './api';

const FORMATS: Array<{ format: MinutesFormat; label: string }> = [
  { format: 'md', label: 'Download minutes (Markdown)' },
  { format: 'pdf', label: 'Download minutes (PDF)' },
];

/** The minutes as the server writes them (`GET /api/meetings/:id/minutes?format=md|pdf`). */
export const MinutesPanel = ({ meetingId }: { meetingId: string }) => {
  const notify = useNotify();
  const [pending, setPending] = useState<MinutesFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (format: MinutesFormat) => {
    setPending(format);
    setError(null);
    try {
      const fileName = await downloadMinutes(meetingId, format);
      notify(`Minutes saved as ${fileName}.`, { type: 'success' });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The minutes could not be downloaded.');
    } finally {
      setPending(null);
    }
  };

  return (
    <Box data-testid="minutes-panel">
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
        The minutes list the attendees, the notes and each case on the agenda with the decision taken on it. They name
        incident numbers: keep them within the task force. Markdown is plain text that any editor opens; PDF is ready to
        print.
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        {FORMATS.map(({ format, label }) => (
          <Button
            key={format}
            variant="outlined"
            startIcon={<DownloadIcon />}
            disabled={pending !== null}
            onClick={() => void download(format)}
            data-testid={`minutes-${format}`}
          >
            {pending === format ? 'Preparing…' : label}
          </Button>
        ))}
      </Box>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 1.5 }} data-testid="minutes-error">
          {error}
        </Alert>
      ) : null}
    </Box>
  );
};
