import { Alert } from '@mui/material';
import { useAppInfo } from '../providers/appInfo';

export const DEMO_BANNER_TEXT =
  'Demo data: these records are synthetic, generated for demonstration. They describe no real person or case.';

/**
 * Shown on every page while demo records are loaded (`GET /api/app-info`
 * `demoData: true`), so nobody mistakes them for real cases. A status message
 * (polite), not an alert: it is information, not an error.
 */
export const DemoBanner = () => {
  const { data } = useAppInfo();
  if (!data?.demoData) return null;
  return (
    <Alert
      severity="warning"
      variant="standard"
      role="status"
      data-testid="demo-banner"
      sx={{ mt: 1, mb: 1, fontSize: '0.95rem', '& .MuiAlert-message': { fontWeight: 500 } }}
    >
      {DEMO_BANNER_TEXT}
    </Alert>
  );
};
