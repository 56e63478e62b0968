import { DateInput, type DateInputProps } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { formatDay } from '@sra/contracts';

/** react-admin's filter bar hides helper texts; this one is the day in words, so it shows. */
const SHOW_HELPER = { '&& .MuiFormHelperText-root': { display: 'block', mx: 0.5, mt: 0.25, lineHeight: 1.2 } };

/**
 * A day filter or field: the browser's own date picker (it writes the day in the reader's locale, e.g. 6/6/2022 in
 * the US), with the day chosen said below it the app's way ("Jun 6, 2022"), so the page reads in one date style.
 * Labels follow one pattern: "<what> on or after" and "<what> on or before" (both days included).
 */
export const DayInput = ({ helperText, sx, ...props }: DateInputProps & { source: string }) => {
  const value = useWatch({ name: props.source }) as unknown;
  const chosen = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : null;
  return (
    <DateInput
      {...props}
      helperText={chosen ?? helperText ?? false}
      sx={[SHOW_HELPER, ...(Array.isArray(sx) ? sx : sx ? [sx] : [])]}
      slotProps={{ formHelperText: { 'data-testid': `day-words-${props.source}` } as object }}
    />
  );
};
