import { DateField, type DateFieldProps } from 'react-admin';

/** A date and time in the reader's locale, e.g. "Mar 4, 2026, 3:15 PM". */
export const DateTimeField = (props: DateFieldProps) => (
  <DateField
    showTime
    options={{ dateStyle: 'medium', timeStyle: 'short' }}
    {...props}
  />
);
