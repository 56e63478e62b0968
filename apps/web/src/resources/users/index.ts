import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../../lazyPage';

/** Accounts (admin only): create, change the role, deactivate. Accounts are never deleted: the audit log names them. */
export const list = lazyPage(() => import('./UserList'), 'UserList');
export const show = lazyPage(() => import('./UserShow'), 'UserShow');
export const create = lazyPage(() => import('./UserCreate'), 'UserCreate');
export const edit = lazyPage(() => import('./UserEdit'), 'UserEdit');
export const icon = PeopleIcon;

export default { list, show, create, edit, icon };
