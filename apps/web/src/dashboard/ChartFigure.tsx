import { useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { chartCsv, saveFile, svgToPng, type ChartNumbers } from './download';
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
  numbers,
  picture,
}: {
  id: string;
  title: string;
  description: ReactNode;
  summary: ReactNode;
  chart: ReactNode;
  /** The table, told whether it is on screen. */
  table: (shown: boolean) => ReactNode;
  /** The chart's numbers, from the same API figures it draws: "Download CSV". */
  numbers: ChartNumbers;
  /** Whether a chart is drawn (not a sentence instead): "Download PNG". */
  picture: boolean;
}) => {
  const [shown, setShown] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const figure = useRef<HTMLElement>(null);
  const tableId = useId();
  const downloadPng = async () => {
    setFailed(null);
    // The chart's own SVG (legend icons are small SVGs of their own).
    const svg = figure.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
    if (!svg) return setFailed('The chart is not drawn yet; try again in a moment.');
    try {
      saveFile(await svgToPng(svg), `${numbers.fileName}.png`);
    } catch (e) {
      setFailed(`The picture could not be made: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  const downloadCsv = () => saveFile(new Blob([chartCsv(numbers)], { type: 'text/csv;charset=utf-8' }), `${numbers.fileName}.csv`);
  return (
    <Card
      ref={figure}
      className="dashboard-print-card"
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
        <Box className="dashboard-no-print" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <Button size="small" aria-expanded={shown} aria-controls={tableId} onClick={() => setShown((s) => !s)}>
            {shown ? 'Hide the numbers' : 'Show the numbers'}
          </Button>
          {picture ? (
            <Button size="small" data-testid={`chart-${id}-png`} aria-label={`Download PNG: ${title}`} onClick={() => void downloadPng()}>
              Download PNG
            </Button>
          ) : null}
          <Button size="small" data-testid={`chart-${id}-csv`} aria-label={`Download CSV: ${title}`} onClick={downloadCsv}>
            Download CSV
          </Button>
        </Box>
        {failed ? <Alert severity="error">{failed}</Alert> : null}
        <Box id={tableId} sx={shown ? { overflowX: 'auto' } : visuallyHidden}>
          {table(shown)}
        </Box>
      </CardContent>
    </Card>
  );
};
