import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
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

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={AppAppBar} menu={AppMenu} sx={FIT_SCREEN}>
    <DemoBanner />
    {children}
  </Layout>
);
