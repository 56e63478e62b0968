import { TextField } from '@mui/material';

/** Why a new version of a published month exists: asked when making or publishing it, shown with the version. */
export const ReasonField = ({ id, label, helperText, value, onChange }: { id: string; label: string; helperText: string; value: string; onChange: (value: string) => void }) => (
  <TextField
    id={id}
    label={label}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    required
    fullWidth
    multiline
    minRows={2}
    autoFocus
    sx={{ mt: 2 }}
    helperText={helperText}
    slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': id } }}
  />
);
