import PeopleIcon from '@mui/icons-material/People';
import { UserCreate } from './UserCreate';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

/** Accounts (admin only). No edit or delete yet. */
export const list = UserList;
export const show = UserShow;
export const create = UserCreate;
export const icon = PeopleIcon;

export default { list, show, create, icon };
