import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { Layout } from 'react-admin';
import { useAppInfo } from '../providers/appInfo';
import { AppAppBar } from './AppAppBar';
import { AppMenu } from './AppMenu';
import { DemoBanner } from './DemoBanner';

/**
 * react-admin's layout grows to fit its widest content (`min-width: fit-content`), so one wide table scrolled the
 * whole page sideways on a phone. Here the page keeps the screen's width and a list's table scrolls in its own box.
 */
const FIT_SCREEN = {
  minWidth: 0,
  '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content, & .list-page, & .RaList-main, & .RaList-content': { minWidth: 0 },
  // Every table, on every list and page: wider than the screen, it scrolls sideways in its own box, never the page.
  '& .RaDataTable-tableWrapper': { overflowX: 'auto', maxWidth: '100%' },
};

/**
 * The page is laid out at once (its code and data start loading) but shown only when the server has said whether
 * the demo banner goes above it: shown before, it would jump down by the banner's height (issue 14: layout shift).
 * `GET /api/app-info` answers in milliseconds; if it fails, the page is shown without the banner.
 */
export const AppLayout = ({ children }: { children: ReactNode }) => {
  const { isPending } = useAppInfo();
  return (
    <Layout appBar={AppAppBar} menu={AppMenu} sx={FIT_SCREEN}>
      <DemoBanner />
      <Box sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, visibility: isPending ? 'hidden' : undefined }}>{children}</Box>
    </Layout>
  );
};
