export { AppLayout } from './AppLayout';
export { AppAppBar } from './AppAppBar';
export { AppMenu } from './AppMenu';
export { AppUserMenu } from './AppUserMenu';
export { DemoBanner, DEMO_BANNER_TEXT } from './DemoBanner';
