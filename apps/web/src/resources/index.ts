import type { ComponentType } from 'react';
import type { ResourceAccess } from '../access';
import arrests from './arrests';
import auditLog from './audit-log';
import cases from './cases';
import chargeCodes from './charge-codes';
import daDecisions from './da-decisions';
import flags from './flags';
import imports from './imports';
import incidentCodes from './incident-codes';
import incidents from './incidents';
import meetings from './meetings';
import policyVersions from './policy-versions';
import reports from './reports';
import users from './users';

/** What a resource folder's `index.ts` exports. */
export interface ResourceModule {
  list: ComponentType;
  show?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  icon: ComponentType;
}

/** One page of the app: its API resource name, its menu label and who may use it. */
export interface ResourceEntry extends ResourceModule {
  /** The API resource: `/api/<name>`, and the page's address `#/<name>`. */
  name: string;
  /** Menu and page title. */
  label: string;
  /** Role groups from @sra/contracts (`read` for list/show, `write` for create/edit). */
  access: ResourceAccess;
  /** false: reachable by link only, not listed in the menu. */
  inMenu?: boolean;
  /** The field that names one record in titles (e.g. "User alice@example.org"). */
  recordRepresentation?: string;
}

/**
 * Every page of the app, in menu order. Adding a page is one line here; the menu,
 * the routes and the access checks all read this list. Later: flagged cases,
 * incidents, arrests, DA decisions, imports, policies, reports, meetings.
 */
export const RESOURCES: readonly ResourceEntry[] = [
  { name: 'cases', label: 'Flagged cases', access: { read: 'caseLevel' }, recordRepresentation: 'sentence', ...cases },
  // The per-rule flags, the evidence inside cases: opened from a case or an incident, not from the menu.
  { name: 'flags', label: 'Flags (evidence)', access: { read: 'caseLevel' }, recordRepresentation: 'sentence', inMenu: false, ...flags },
  { name: 'meetings', label: 'Meetings', access: { read: 'caseLevel', write: 'caseLevel' }, recordRepresentation: 'title', ...meetings },
  { name: 'reports', label: 'Reports', access: { read: 'everyone' }, recordRepresentation: 'id', ...reports },
  { name: 'incidents', label: 'Incidents', access: { read: 'caseLevel' }, ...incidents },
  { name: 'arrests', label: 'Arrests', access: { read: 'caseLevel' }, ...arrests },
  { name: 'da-decisions', label: 'DA decisions', access: { read: 'caseLevel' }, ...daDecisions },
  { name: 'import-batches', label: 'Imports', access: { read: 'dataLoading' }, recordRepresentation: 'fileName', ...imports },
  { name: 'policy-versions', label: 'Policies', access: { read: 'everyone', write: 'administration' }, recordRepresentation: 'title', ...policyVersions },
  { name: 'charge-codes', label: 'Charge codes', access: { read: 'administration', write: 'administration' }, recordRepresentation: 'code', ...chargeCodes },
  { name: 'incident-codes', label: 'Incident codes', access: { read: 'administration', write: 'administration' }, recordRepresentation: 'code', ...incidentCodes },
  { name: 'users', label: 'Users', access: { read: 'administration' }, recordRepresentation: 'email', ...users },
  { name: 'audit-log', label: 'Audit log', access: { read: 'administration' }, recordRepresentation: 'action', ...auditLog },
];

/** Who may use which resource, for the auth provider's `canAccess`. */
export const RESOURCE_ACCESS: Readonly<Record<string, ResourceAccess>> = Object.fromEntries(
  RESOURCES.map((entry) => [entry.name, entry.access]),
);
