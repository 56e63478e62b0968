export { ChangePasswordPage, PASSWORD_CHANGED_MESSAGE } from './ChangePasswordPage';

/** The address of the change-password page (a custom route, inside the layout). */
export const CHANGE_PASSWORD_PATH = '/account/password';
