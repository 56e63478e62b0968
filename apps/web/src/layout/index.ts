export { AppLayout } from './AppLayout';
export { AppAppBar } from './AppAppBar';
export { AppMenu } from './AppMenu';
