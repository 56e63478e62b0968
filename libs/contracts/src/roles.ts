/**
 * Who may do what. The API's guard and the web app's menu both read this, so a
 * page is never offered to someone the server would refuse.
 */
export const ROLES = ['admin', 'analyst', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Named groups of roles, used by route guards and by the web app's menu. */
export const ROLE_GROUPS = {
  /** Anyone signed in: aggregates and the dashboard. */
  everyone: ['admin', 'analyst', 'reviewer', 'viewer'],
  /** Case-level data (pseudonymous): reviewers and analysts, never viewers. */
  caseLevel: ['admin', 'analyst', 'reviewer'],
  /** Loading data. */
  dataLoading: ['admin', 'analyst'],
  /** Accounts, policies, the audit log. */
  administration: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

export function roleAllowed(role: Role, group: RoleGroup): boolean {
  return (ROLE_GROUPS[group] as readonly Role[]).includes(role);
}
