import { lazyPage } from '../lazyPage';

/** The change-password page, loaded when opened (a chunk of its own). */
export const ChangePasswordPage = lazyPage(() => import('./ChangePasswordPage'), 'ChangePasswordPage');

/** The address of the change-password page (a custom route, inside the layout). */
export const CHANGE_PASSWORD_PATH = '/account/password';
