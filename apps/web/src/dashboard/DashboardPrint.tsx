import { formatDateTime } from '@sra/contracts';
import { useEffect, useState } from 'react';
import { GlobalStyles, Typography } from '@mui/material';

/**
 * Printing the dashboard (Ctrl-P) prints the figures for a meeting: no app bar, menu, filters or buttons; the
 * headline figures together on the first page, then the charts in one column; every card whole on its page, and every chart scaled to the page's width (a chart is drawn at the width
 * of the screen, wider than the sheet, and the browser does not redraw it before printing).
 */
export const DashboardPrintStyles = () => (
  <GlobalStyles
    styles={{
      '.dashboard-print-only': { display: 'none' },
      '@media print': {
        '.MuiAppBar-root, .MuiDrawer-root, .RaSidebar-root, .MuiSnackbar-root, .skip-nav-button, [data-testid="demo-banner"], .dashboard-no-print': {
          display: 'none !important',
        },
        '.dashboard-print-only': { display: 'block' },
        '.RaLayout-appFrame': { marginTop: '0 !important' },
        '.RaLayout-content, .RaLayout-contentWithSidebar': { padding: '0 !important', display: 'block !important' },
        '.dashboard-print-grid': { display: 'flex !important', flexDirection: 'column', gap: '12px' },
        // The headline figures all on the first page: the short cards in one row (two across left half the first
        // page empty once the tall compliance card moved whole to the next), the compliance card across the row
        // below, filling in from the left ("dense": the open reviews card goes up beside the others).
        '.dashboard-summary-grid': {
          gridTemplateColumns: 'repeat(var(--summary-columns, 3), minmax(0, 1fr)) !important',
          gridAutoFlow: 'row dense',
          gap: '12px !important',
        },
        '.dashboard-print-wide': { gridColumn: '1 / -1' },
        '.dashboard-print-wide ul': { columns: 2, columnGap: '24px' },
        '.dashboard-print-wide ul > li': { breakInside: 'avoid' },
        '.dashboard-print-card': { breakInside: 'avoid', pageBreakInside: 'avoid', boxShadow: 'none !important', border: '1px solid #bdbdbd' },
        '.dashboard-print-card .MuiCardContent-root': { padding: '12px !important' },
        // Scaled to the page's width keeping its proportions (the SVG's viewBox) and its box's height. Recharts puts
        // the chart in a box of no width inside its container, and gives it the screen's width in pixels: both take
        // the container's width instead (a percentage adds nothing to the page's least width, pixels would).
        '.recharts-responsive-container > div, .recharts-wrapper': { width: '100% !important' },
        '.recharts-wrapper > svg': { maxWidth: '100% !important' },
        body: { background: '#fff !important' },
        // Type a little smaller on paper (MUI sizes text in rem): the headline cards and their explanations then fit
        // the first page together under the title.
        html: { fontSize: '13px' },
      },
    }}
  />
);

/** "Jun 6, 2022, 4:18 AM PDT": the time printed, San Francisco time with its zone named. */
export const printedAt = (when: Date) => formatDateTime(when);

/** The printed title: what the pages are, the period, and when they were printed (only on paper). */
export const PrintTitle = ({ period }: { period: string | null }) => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const update = () => setNow(new Date());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return (
    <div className="dashboard-print-only" data-testid="print-title">
      <Typography component="p" variant="h5" sx={{ fontWeight: 600 }}>
        Safe Reporting compliance dashboard{period ? `: ${period}` : ''}
      </Typography>
      <Typography component="p" variant="body2" data-testid="print-time">
        Printed {printedAt(now)}
      </Typography>
    </div>
  );
};
