import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import PasswordIcon from '@mui/icons-material/Password';
import { LinkBase, Logout, UserMenu, useUserMenu } from 'react-admin';
import { CHANGE_PASSWORD_PATH } from '../account';

/**
 * A link to the change-password page. MUI's menu gives its items props (focus,
 * tab order) when it renders them, so these are passed on to the MenuItem.
 */
const ChangePasswordMenuItem = (props: { autoFocus?: boolean; tabIndex?: number; className?: string }) => {
  const userMenu = useUserMenu();
  return (
    <MenuItem
      {...props}
      component={LinkBase}
      to={CHANGE_PASSWORD_PATH}
      onClick={() => userMenu?.onClose()}
      data-testid="user-menu-change-password"
    >
      <ListItemIcon>
        <PasswordIcon fontSize="small" aria-hidden="true" />
      </ListItemIcon>
      <ListItemText>Change password</ListItemText>
    </MenuItem>
  );
};

/** The menu under the signed-in person's name in the app bar. */
export const AppUserMenu = () => (
  <UserMenu>
    <ChangePasswordMenuItem />
    <Logout />
  </UserMenu>
);
