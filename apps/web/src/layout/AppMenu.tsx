import { Menu, usePermissions } from 'react-admin';
import { isRole, roleAllowed } from '@sra/contracts';
import { RESOURCES } from '../resources';

/**
 * The dashboard, then only the pages the signed-in role may use (the role groups
 * of @sra/contracts; the API enforces the same ones). Entries come from RESOURCES.
 */
export const AppMenu = () => {
  const { permissions: role } = usePermissions();
  const allowed = isRole(role) ? RESOURCES.filter((entry) => entry.inMenu !== false && roleAllowed(role, entry.access.read)) : [];
  return (
    <Menu>
      <Menu.DashboardItem />
      {allowed.map((entry) => (
        <Menu.ResourceItem key={entry.name} name={entry.name} />
      ))}
    </Menu>
  );
};
