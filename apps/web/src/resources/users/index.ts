import PeopleIcon from '@mui/icons-material/People';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

/** Accounts (admin only): create, change the role, deactivate. Accounts are never deleted: the audit log names them. */
export const list = UserList;
export const show = UserShow;
export const create = UserCreate;
export const edit = UserEdit;
export const icon = PeopleIcon;

export default { list, show, create, edit, icon };
