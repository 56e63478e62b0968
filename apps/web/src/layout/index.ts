export { AppLayout } from './AppLayout';
export { AppAppBar } from './AppAppBar';
export { AppMenu } from './AppMenu';
export { DemoBanner, DEMO_BANNER_TEXT } from './DemoBanner';
