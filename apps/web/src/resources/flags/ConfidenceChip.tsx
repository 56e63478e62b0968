import { Chip, Tooltip } from '@mui/material';
import type { FlagRecord } from '@sra/contracts';
import { CONFIDENCE_EXPLANATIONS, CONFIDENCE_LABELS } from './words';

const STYLES: Record<FlagRecord['confidence'], object> = {
  // Filled dark red with white text (5.6:1); the others outlined with dark text on white.
  high: { bgcolor: 'error.main', color: 'error.contrastText' },
  medium: { color: 'text.primary', borderColor: 'warning.dark', borderWidth: 2 },
  low: { color: 'text.primary', borderColor: 'grey.500' },
};

/** The flag's confidence as a small chip ("High", "Medium", "Low"), explained in a tooltip. */
export const ConfidenceChip = ({ confidence }: { confidence: FlagRecord['confidence'] }) => (
  <Tooltip describeChild title={CONFIDENCE_EXPLANATIONS[confidence] ?? ''}>
    <Chip
      size="small"
      variant={confidence === 'high' ? 'filled' : 'outlined'}
      label={CONFIDENCE_LABELS[confidence] ?? confidence}
      data-confidence={confidence}
      sx={STYLES[confidence]}
    />
  </Tooltip>
);
