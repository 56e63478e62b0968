import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** Shows a JSON value of the current record as indented, readable text. */
export const JsonField = ({ source, emptyText = 'None' }: { source: string; label?: string; emptyText?: string }) => {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) {
    return (
      <Typography component="span" variant="body2">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1.5,
        maxWidth: '100%',
        bgcolor: 'grey.100',
        color: 'text.primary',
        borderRadius: 1,
        fontSize: '0.85rem',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};
