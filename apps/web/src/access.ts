import { isRole, roleAllowed, type RoleGroup } from '@sra/contracts';

/**
 * Which role group may use a page. `read` covers the list and detail pages;
 * `write` (defaults to `read`) covers creating, editing and deleting. The groups
 * come from @sra/contracts, the same table the API's guards read, so the app never
 * offers a page the server would refuse.
 */
export interface ResourceAccess {
  read: RoleGroup;
  write?: RoleGroup;
}

export type AccessMap = Readonly<Record<string, ResourceAccess>>;

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/** Whether `role` may do `action` on `resource`. Unknown resources are refused. */
export function canRoleAccess(access: AccessMap, role: unknown, resource: string, action: string): boolean {
  if (!isRole(role)) return false;
  const rule = access[resource];
  if (!rule) return false;
  const group = READ_ACTIONS.has(action) ? rule.read : (rule.write ?? rule.read);
  return roleAllowed(role, group);
}
