import { isRole, roleAllowed, ROLES } from './roles';

describe('roles', () => {
  it('knows the four roles of the product and nothing else', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'analyst', 'reviewer', 'viewer']);
    expect(isRole('admin')).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('keeps case-level data away from viewers', () => {
    expect(roleAllowed('viewer', 'caseLevel')).toBe(false);
    expect(roleAllowed('reviewer', 'caseLevel')).toBe(true);
    expect(roleAllowed('analyst', 'caseLevel')).toBe(true);
  });

  it('lets only analysts and admins load data, and only admins administer', () => {
    expect(roleAllowed('analyst', 'dataLoading')).toBe(true);
    expect(roleAllowed('reviewer', 'dataLoading')).toBe(false);
    expect(roleAllowed('admin', 'administration')).toBe(true);
    expect(roleAllowed('analyst', 'administration')).toBe(false);
  });
});
