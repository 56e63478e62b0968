import { Box, Typography } from '@mui/material';
import type { ChargeText } from '@sra/contracts';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.85rem', wordBreak: 'break-word' } as const;

/**
 * One charge in plain words ("PC 647(b): prostitution, misdemeanor"). A code nobody has described yet is shown as
 * written, with a note saying so.
 */
export const PlainCharge = ({ charge, testId }: { charge: ChargeText; testId?: string }) =>
  charge.known ? (
    <Box component="span" data-testid={testId} data-known="true">
      {charge.text}
    </Box>
  ) : (
    <Box component="span" data-testid={testId} data-known="false">
      <Box component="span" sx={MONO}>
        {charge.text}
      </Box>
      <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
        {charge.code === null ? ' (not read as a charge)' : ' (code not described yet)'}
      </Typography>
    </Box>
  );

/** A record's charges in plain words, one a line; "None" when the record gives no charges. */
export const PlainCharges = ({ charges, testId }: { charges: readonly ChargeText[] | undefined; testId?: string }) => {
  if (!charges || charges.length === 0) return <span data-testid={testId}>None</span>;
  return (
    <Box component="span" data-testid={testId} sx={{ display: 'block' }}>
      {charges.map((charge, index) => (
        <Box component="span" key={`${charge.text}-${index}`} sx={{ display: 'block' }}>
          <PlainCharge charge={charge} testId="plain-charge" />
        </Box>
      ))}
    </Box>
  );
};
