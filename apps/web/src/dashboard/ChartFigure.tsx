import { useId, useState, type ReactNode } from 'react';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { visuallyHidden } from './format';

/**
 * One chart: a labelled figure with a heading, what it shows in plain words, a one-line summary, and the numbers
 * as a table. The table is always there for screen readers (visually hidden); "Show the numbers" puts it on
 * screen, with its links reachable by keyboard.
 */
export const ChartFigure = ({
  id,
  title,
  description,
  summary,
  chart,
  table,
}: {
  id: string;
  title: string;
  description: ReactNode;
  summary: ReactNode;
  chart: ReactNode;
  /** The table, told whether it is on screen. */
  table: (shown: boolean) => ReactNode;
}) => {
  const [shown, setShown] = useState(false);
  const tableId = useId();
  return (
    <Card
      component="figure"
      aria-labelledby={`${id}-heading`}
      data-testid={`chart-${id}`}
      sx={{ m: 0, display: 'flex', flexDirection: 'column', minWidth: 0 }}
    >
      <CardContent sx={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {description}
        </Typography>
        <Box sx={{ width: '100%', minWidth: 0 }}>{chart}</Box>
        <Typography component="figcaption" variant="body2" data-testid={`chart-${id}-summary`}>
          {summary}
        </Typography>
        <Box>
          <Button size="small" aria-expanded={shown} aria-controls={tableId} onClick={() => setShown((s) => !s)}>
            {shown ? 'Hide the numbers' : 'Show the numbers'}
          </Button>
        </Box>
        <Box id={tableId} sx={shown ? { overflowX: 'auto' } : visuallyHidden}>
          {table(shown)}
        </Box>
      </CardContent>
    </Card>
  );
};
