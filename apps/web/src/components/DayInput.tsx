import { DateInput, type DateInputProps } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { formatDay } from '@sra/contracts';

/**
 * A day filter or field: the browser's own date picker (it writes the day in the reader's locale, e.g. 6/6/2022 in
 * the US), with the day chosen said below it the app's way ("Jun 6, 2022"), so the page reads in one date style.
 * Labels follow one pattern: "<what> on or after" and "<what> on or before" (both days included).
 */
export const DayInput = ({ helperText, ...props }: DateInputProps & { source: string }) => {
  const value = useWatch({ name: props.source }) as unknown;
  const chosen = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : null;
  return <DateInput {...props} helperText={chosen ?? helperText ?? false} />;
};
