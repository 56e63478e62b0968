import { GlobalStyles } from '@mui/material';

/**
 * Printing the report page prints the report: the app bar, the menu, the demo banner, the buttons and the
 * notifications are left out, the page takes the whole sheet, and wide tables wrap instead of scrolling.
 */
export const PrintStyles = () => (
  <GlobalStyles
    styles={{
      '@media print': {
        '.MuiAppBar-root, .MuiDrawer-root, .MuiSnackbar-root, .skip-nav-button, [data-testid="demo-banner"], .report-no-print': {
          display: 'none !important',
        },
        '.RaLayout-appFrame': { marginTop: '0 !important' },
        '.RaLayout-content': { padding: '0 !important' },
        '.RaShow-card': { boxShadow: 'none !important', border: '0 !important' },
        '.report-scroll': { overflow: 'visible !important' },
        '.report-table, .report-chart': { breakInside: 'avoid' },
        body: { background: '#fff !important' },
      },
    }}
  />
);
