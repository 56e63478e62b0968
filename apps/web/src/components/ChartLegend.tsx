import { Box } from '@mui/material';

export interface LegendItem {
  name: string;
  colour: string;
  /** A line's dash pattern (SVG `stroke-dasharray`); none for a solid line. */
  dash?: string;
  /** A line is drawn as a short stroke, a bar as a square. */
  shape: 'line' | 'bar';
}

/**
 * A chart's key, drawn with the page rather than by the chart: recharts' own legend measures itself once drawn and
 * lays the whole chart out again, the larger part of a chart's first drawing (issue 14: total blocking time). It is
 * on the page from the start, at its height, so nothing moves when the chart arrives. Hidden from screen readers:
 * the chart's label and its table of numbers name the series.
 */
export const ChartLegend = ({ items }: { items: LegendItem[] }) => (
  <Box
    component="ul"
    aria-hidden
    data-testid="chart-legend"
    sx={{ listStyle: 'none', m: 0, p: 0, minHeight: 28, display: 'flex', flexWrap: 'wrap', justifyContent: 'center', columnGap: 2, fontSize: 13, color: '#1d1d1d' }}
  >
    {items.map((item) => (
      <Box component="li" key={item.name} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
        <svg width={item.shape === 'line' ? 28 : 12} height="12" focusable="false">
          {item.shape === 'line' ? (
            <line x1="1" y1="6" x2="27" y2="6" stroke={item.colour} strokeWidth={2} strokeDasharray={item.dash} />
          ) : (
            <rect x="1" y="1" width="10" height="10" fill={item.colour} />
          )}
        </svg>
        {item.name}
      </Box>
    ))}
  </Box>
);
