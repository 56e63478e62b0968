import { ROLES, type Role } from '@sra/contracts';

/** Plain-language names and descriptions of the four roles, for people, not code. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  analyst: 'Analyst',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'Manages accounts and policies, loads data, and can read the audit log.',
  analyst: 'Loads data and works with case-level records and summaries.',
  reviewer: 'Reviews case-level records (without names) and summaries.',
  viewer: 'Sees summaries and charts only, never individual cases.',
};

/** Choices for a role select input, in the order of ROLES. */
export const ROLE_CHOICES = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));

export function roleLabel(role: unknown): string {
  return typeof role === 'string' && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : String(role ?? '');
}
