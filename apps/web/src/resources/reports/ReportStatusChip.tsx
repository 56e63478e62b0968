import { Chip } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import EditNoteIcon from '@mui/icons-material/EditNote';
import HistoryIcon from '@mui/icons-material/History';
import type { ReportVersionRecord } from '@sra/contracts';
import { STATUS_LABELS } from './words';

/**
 * "Draft" (outlined) or "Published" (filled green): the word carries the meaning, the colour and the icon only
 * repeat it.
 */
export const ReportStatusChip = ({ status, testId }: { status: ReportVersionRecord['status']; testId?: string }) => {
  const published = status === 'published';
  return (
    <Chip
      size="small"
      variant={published ? 'filled' : 'outlined'}
      color={published ? 'success' : 'default'}
      icon={published ? <CheckCircleIcon aria-hidden="true" /> : <EditNoteIcon aria-hidden="true" />}
      label={STATUS_LABELS[status] ?? status}
      data-testid={testId}
      data-status={status}
      sx={published ? undefined : { color: 'text.primary', borderColor: 'grey.600' }}
    />
  );
};

/** A version of a month that a newer version replaces. */
export const SupersededChip = ({ testId }: { testId?: string }) => (
  <Chip
    size="small"
    variant="outlined"
    icon={<HistoryIcon aria-hidden="true" />}
    label="Replaced by a newer version"
    data-testid={testId}
    sx={{ color: 'text.primary', borderColor: 'grey.500' }}
  />
);
