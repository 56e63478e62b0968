import { useFieldValue, type FieldProps } from 'react-admin';
import { formatDateTime } from '@sra/contracts';

interface DateFieldProps extends FieldProps {
  /** Shown when there is no date. */
  emptyText?: string;
}

/**
 * The app's one date field (every list and page uses it, never react-admin's DateField): a moment in San Francisco
 * time with its zone, "Jun 6, 2022, 4:18 AM PDT", machine-readable in `dateTime`.
 */
export const DateTimeField = ({ emptyText = '', ...props }: DateFieldProps) => {
  const value = useFieldValue(props) as string | null | undefined;
  if (!value) return <span>{emptyText}</span>;
  return (
    <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(value)}
    </time>
  );
};
