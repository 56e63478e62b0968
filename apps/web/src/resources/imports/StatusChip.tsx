import { Chip } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import BlockIcon from '@mui/icons-material/Block';
import ErrorIcon from '@mui/icons-material/Error';
import { statusLabel } from './kinds';

/**
 * "Loaded" (green), "Refused" or "Failed" (red): the word carries the meaning, the colour and
 * the icon only repeat it. Filled MUI success/error colours give white text 4.5:1 or more.
 */
export const StatusChip = ({ status }: { status: unknown }) => {
  const loaded = status === 'loaded';
  return (
    <Chip
      size="small"
      color={loaded ? 'success' : 'error'}
      icon={loaded ? <CheckCircleIcon aria-hidden="true" /> : status === 'failed' ? <ErrorIcon aria-hidden="true" /> : <BlockIcon aria-hidden="true" />}
      label={statusLabel(status)}
    />
  );
};
