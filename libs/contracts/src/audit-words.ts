import { formatDay, formatMonth } from './dates';

/**
 * The audit log in plain language: each entry as a sentence ("Viewed case 220023435", "Recorded a decision in the
 * meeting of Jun 6, 2022") and what it is about, to link to. The raw action (`case.viewed`,
 * `POST /api/meetings/:id/decisions`) stays on the entry for those who need it.
 *
 * Actions come in two kinds: named ones (AUDIT_ACTIONS, and the command line's `user.password_set`), and every write
 * as `<METHOD> <route>`. A refused write that never reached a route (signed out, wrong role, another origin) is
 * written with its real path (`POST /api/meetings/5b0c…/decisions`): routes are matched with their `:params` as
 * any one path segment, so such an entry reads like the others. An action not known here reads as its own words
 * ("Did something: ..."), never an error.
 */

/** What an entry is about, as the API found it when the log was read (null: gone, or nothing to point at). */
export interface AuditSubject {
  /** The app's resource (its page): `cases`, `meetings`, `users`, ... */
  resource: string;
  id: string;
  /** Its name, raw: an incident number, a meeting's day, a report's month, an account's email, a file name. */
  name: string | null;
}

export interface AuditEntryLike {
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'failure';
  statusCode: number | null;
  detail: Record<string, unknown> | null;
  subject?: AuditSubject | null;
}

export interface AuditSentence {
  /** The sentence, starting with a capital and without a full stop. */
  text: string;
  /** What to link to, when it still exists. */
  link: { resource: string; id: string } | null;
  /** The words of the link inside `text` (so a page can make just them the link); null when there is no link. */
  linkText: string | null;
  /** False when the action is not one this module knows (it then reads as its raw form in words). */
  known: boolean;
}

type Kind = 'case' | 'flag' | 'incident' | 'arrest' | 'da-decision' | 'meeting' | 'report' | 'import' | 'user' | 'charge-code' | 'incident-code' | 'policy' | 'none';

/** The resource of the app each kind of target opens. */
const RESOURCE_OF: Record<Exclude<Kind, 'none'>, string> = {
  case: 'cases',
  flag: 'flags',
  incident: 'incidents',
  arrest: 'arrests',
  'da-decision': 'da-decisions',
  meeting: 'meetings',
  report: 'reports',
  import: 'import-batches',
  user: 'users',
  'charge-code': 'charge-codes',
  'incident-code': 'incident-codes',
  policy: 'policy-versions',
};

/** The kind of target an entry's `targetType` names (the API's class or record name). */
const KIND_OF_TARGET: Record<string, Kind> = {
  Case: 'case',
  FlagReview: 'case',
  Reviews: 'case',
  Flag: 'flag',
  Incident: 'incident',
  Arrest: 'arrest',
  DaDecision: 'da-decision',
  Meeting: 'meeting',
  Meetings: 'meeting',
  Report: 'report',
  Reports: 'report',
  ImportRejects: 'import',
  Ingest: 'import',
  User: 'user',
  Users: 'user',
  ChargeCodes: 'charge-code',
  IncidentCodes: 'incident-code',
  Policies: 'policy',
};

/** Names a target in words: "case 220023435", "the meeting of Jun 6, 2022", "the account of ann@example.org". */
function nameOf(kind: Kind, name: string | null, id: string | null): string {
  const shown = name ?? id;
  switch (kind) {
    case 'case':
      return name ? `case ${name}` : 'a case';
    case 'flag':
      return name ? `the evidence of case ${name}` : 'the evidence of a case';
    case 'incident':
      return shown ? `incident ${shown}` : 'an incident';
    case 'arrest':
      return shown ? `arrest ${shown}` : 'an arrest';
    case 'da-decision':
      return shown ? `DA decision ${shown}` : 'a DA decision';
    case 'meeting':
      return name ? `the meeting of ${formatDay(name)}` : 'a meeting';
    case 'report': {
      const match = shown ? /^(\d{4}-\d{2}):(\d+)$/.exec(shown) : null;
      return match ? `the report for ${formatMonth(match[1])} (version ${match[2]})` : 'a report';
    }
    case 'import':
      return name ? `the import of ${name}` : 'an import';
    case 'user':
      return name ? `the account of ${name}` : 'an account';
    case 'charge-code':
      return shown ? `charge code ${shown}` : 'a charge code';
    case 'incident-code':
      return shown ? `incident code ${shown}` : 'an incident code';
    case 'policy':
      return shown ? `policy version ${shown}` : 'a policy version';
    default:
      return '';
  }
}

const LIST_WORDS: Record<string, string> = {
  Case: 'the flagged cases',
  Flag: 'the flags (evidence)',
  Incident: 'the incidents',
  Arrest: 'the arrests',
  DaDecision: 'the DA decisions',
  Meeting: 'the meetings',
  FlagReview: 'the reviews',
};

const IMPORT_KINDS: Record<string, string> = {
  incidents: 'incident reports',
  'incident-persons': 'people in incidents',
  arrests: 'arrests',
  'da-decisions': 'DA decisions',
};

interface Phrase {
  /** Past tense, for a success: "Recorded a decision in". */
  done: string;
  /** Infinitive, for a refusal: "record a decision in". */
  tried: string;
  /** What the object is, when the target is not enough. */
  kind?: Kind;
  /** Words after the object. */
  after?: (entry: AuditEntryLike) => string;
  /** No object at all (sign in, sign out). */
  alone?: boolean;
  /** The whole sentence of a refusal, when "Tried to ..." would not say it. */
  failed?: string;
  /** The object in words from its name, when the kind's usual words do not fit. */
  object?: (name: string | null) => string;
}

/** The named actions (AUDIT_ACTIONS, and the command line's). */
const NAMED: Record<string, Phrase> = {
  'auth.sign_in': { done: 'Signed in', tried: 'sign in', alone: true },
  'auth.sign_in_failed': { done: 'Could not sign in: wrong email or password', tried: 'sign in', alone: true, failed: 'Could not sign in: wrong email or password' },
  'auth.sign_in_throttled': { done: 'Was refused sign-in after too many attempts', tried: 'sign in', alone: true, failed: 'Was refused sign-in after too many attempts' },
  'auth.sign_out': { done: 'Signed out', tried: 'sign out', alone: true },
  'user.created': { done: 'Created', tried: 'create', kind: 'user', after: viaCommandLine },
  'user.password_set': { done: 'Set the password of', tried: 'set the password of', kind: 'user', after: viaCommandLine },
  'case.viewed': { done: 'Viewed', tried: 'view' },
  'cases.listed': { done: 'Listed', tried: 'list' },
  'report.read': { done: 'Read', tried: 'read', kind: 'report', after: reportEdition },
  'import.rejects_read': { done: 'Read the rejected rows of', tried: 'read the rejected rows of', kind: 'import' },
  'import.datasf_pulled': {
    done: 'Pulled incident reports from DataSF',
    tried: 'pull incident reports from DataSF',
    alone: true,
    after: pulledRows,
    failed: 'A pull of incident reports from DataSF failed; nothing was stored',
  },
};

/** The writes, by route (`:name` matches one path segment). */
const ROUTES: Array<{ method: string; route: string; phrase: Phrase }> = [
  { method: 'POST', route: '/api/users', phrase: { done: 'Created', tried: 'create', kind: 'user', after: roleGiven } },
  { method: 'PUT', route: '/api/users/:id', phrase: { done: 'Changed', tried: 'change', kind: 'user', after: roleGiven } },
  { method: 'POST', route: '/api/users/:id/unlock', phrase: { done: 'Unlocked sign-in for', tried: 'unlock sign-in for', kind: 'user' } },
  { method: 'POST', route: '/api/auth/login', phrase: { done: 'Signed in', tried: 'sign in', alone: true } },
  { method: 'POST', route: '/api/auth/logout', phrase: { done: 'Signed out', tried: 'sign out', alone: true } },
  { method: 'POST', route: '/api/auth/password', phrase: { done: 'Changed their own password', tried: 'change their own password', alone: true } },
  { method: 'POST', route: '/api/policy-versions', phrase: { done: 'Added', tried: 'add', kind: 'policy' } },
  { method: 'PATCH', route: '/api/reviews/:id', phrase: { done: 'Changed the review of', tried: 'change the review of', kind: 'case' } },
  { method: 'POST', route: '/api/reviews/bulk', phrase: { done: 'Changed the review of', tried: 'change the review of', alone: true, after: casesCounted } },
  { method: 'POST', route: '/api/meetings', phrase: { done: 'Planned', tried: 'plan', kind: 'meeting' } },
  { method: 'PATCH', route: '/api/meetings/:id', phrase: { done: 'Changed the details of', tried: 'change the details of', kind: 'meeting' } },
  { method: 'POST', route: '/api/meetings/:id/agenda/build', phrase: { done: 'Built the agenda of', tried: 'build the agenda of', kind: 'meeting' } },
  { method: 'POST', route: '/api/meetings/:id/agenda', phrase: { done: 'Added a case to the agenda of', tried: 'add a case to the agenda of', kind: 'meeting' } },
  { method: 'POST', route: '/api/meetings/:id/agenda/bulk', phrase: { done: 'Added cases to the agenda of', tried: 'add cases to the agenda of', kind: 'meeting' } },
  { method: 'POST', route: '/api/meetings/:id/agenda/bulk-remove', phrase: { done: 'Removed cases from the agenda of', tried: 'remove cases from the agenda of', kind: 'meeting' } },
  { method: 'PUT', route: '/api/meetings/:id/agenda/order', phrase: { done: 'Reordered the agenda of', tried: 'reorder the agenda of', kind: 'meeting' } },
  { method: 'DELETE', route: '/api/meetings/:id/agenda/:flagId', phrase: { done: 'Removed a case from the agenda of', tried: 'remove a case from the agenda of', kind: 'meeting' } },
  { method: 'POST', route: '/api/meetings/:id/decisions', phrase: { done: 'Recorded a decision in', tried: 'record a decision in', kind: 'meeting' } },
  { method: 'PUT', route: '/api/charge-codes/:id', phrase: { done: 'Described', tried: 'describe', kind: 'charge-code' } },
  { method: 'POST', route: '/api/incident-codes', phrase: { done: 'Added', tried: 'add', kind: 'incident-code', after: () => ' to the incident-code catalog' } },
  { method: 'PUT', route: '/api/incident-codes/:id', phrase: { done: 'Changed the catalog entry of', tried: 'change the catalog entry of', kind: 'incident-code' } },
  { method: 'POST', route: '/api/ingest/:kind', phrase: { done: 'Imported', tried: 'import', kind: 'import', after: importKind, object: (name) => name ?? 'a file' } },
  { method: 'PUT', route: '/api/datasf-pull', phrase: { done: 'Changed the settings of the DataSF pull', tried: 'change the settings of the DataSF pull', alone: true } },
  { method: 'POST', route: '/api/datasf-pull/run', phrase: { done: 'Started a pull from DataSF', tried: 'start a pull from DataSF', alone: true } },
  { method: 'POST', route: '/api/reports', phrase: { done: 'Generated', tried: 'generate', kind: 'report' } },
  { method: 'POST', route: '/api/reports/:id/publish', phrase: { done: 'Published', tried: 'publish', kind: 'report' } },
];

function routePattern(route: string): RegExp {
  return new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '([^/]+)')}/?$`);
}

const ROUTE_PATTERNS = ROUTES.map((r) => ({ ...r, pattern: routePattern(r.route), params: [...r.route.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]) }));

/** A list read about one record (the rejected rows of one import): the record's id from the list's filter. */
function filteredId(entry: Pick<AuditEntryLike, 'action' | 'detail'>): string | null {
  if (entry.action !== 'import.rejects_read') return null;
  const filter = entry.detail?.['filter'];
  const batchId = filter && typeof filter === 'object' ? (filter as Record<string, unknown>)['batchId'] : undefined;
  return typeof batchId === 'string' ? batchId : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchRoute(action: string): { phrase: Phrase; params: Record<string, string> } | null {
  const space = action.indexOf(' ');
  if (space < 0) return null;
  const method = action.slice(0, space);
  const path = action.slice(space + 1).split('?')[0];
  for (const r of ROUTE_PATTERNS) {
    if (r.method !== method) continue;
    const match = r.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    // A route as written (`:id`) names no record; a real path's segment does.
    r.params.forEach((name, i) => {
      if (!match[i + 1].startsWith(':')) params[name] = safeDecode(match[i + 1]);
    });
    return { phrase: r.phrase, params };
  }
  return null;
}

/** Whether the action has its own sentence (an unknown one still gets a readable fallback). */
export function isKnownAuditAction(action: string): boolean {
  return action in NAMED || matchRoute(action) !== null;
}

function pulledRows(entry: AuditEntryLike): string {
  const rows = entry.detail?.['rows'];
  return typeof rows === 'number' ? ` (${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'})` : '';
}

function viaCommandLine(entry: AuditEntryLike): string {
  return entry.detail?.['via'] === 'cli' ? ' from the command line' : '';
}

function roleGiven(entry: AuditEntryLike): string {
  const role = entry.detail?.['role'];
  const active = entry.detail?.['active'];
  const parts: string[] = [];
  if (typeof role === 'string') parts.push(`role: ${role.replace(/_/g, ' ')}`);
  if (active === false) parts.push('deactivated');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function reportEdition(entry: AuditEntryLike): string {
  const edition = entry.detail?.['edition'];
  const format = entry.detail?.['format'];
  const words = typeof edition === 'string' && (edition === 'public' || edition === 'internal') ? `, ${edition} edition` : '';
  return typeof format === 'string' ? `${words}, as ${format.toUpperCase()}` : words;
}

function casesCounted(entry: AuditEntryLike): string {
  const counted = entry.detail?.['targetCount'];
  const targets = entry.detail?.['targets'];
  const count = typeof counted === 'number' ? counted : Array.isArray(targets) ? targets.length : null;
  return count === null ? ' several cases' : ` ${count} ${count === 1 ? 'case' : 'cases'}`;
}

function importKind(entry: AuditEntryLike, params?: Record<string, string>): string {
  const kind = params?.['kind'];
  return kind && IMPORT_KINDS[kind] ? ` (${IMPORT_KINDS[kind]})` : '';
}

const REFUSALS: Record<number, string> = {
  400: 'what was sent was not accepted',
  401: 'not signed in',
  403: 'not allowed',
  404: 'not found',
  409: 'changed by someone else first',
  413: 'too large',
  415: 'not a kind of file accepted',
  422: 'not accepted',
  429: 'too many attempts',
};

function refusalWords(entry: AuditEntryLike): string {
  const reason = entry.detail?.['reason'];
  if (typeof reason === 'string' && reason.trim() !== '') return reason;
  if (entry.statusCode !== null && REFUSALS[entry.statusCode]) return REFUSALS[entry.statusCode];
  return entry.statusCode !== null && entry.statusCode >= 500 ? 'the server failed' : 'refused';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An unknown action in words: `report.archived` → "report archived", `POST /api/things/:id` → "POST /api/things/:id". */
function fallbackWords(action: string): string {
  if (/^[a-z_]+(\.[a-z_]+)+$/.test(action)) return action.replace(/[._]/g, ' ');
  return action;
}

/** One entry as a sentence, with what it is about. */
export function describeAuditEntry(entry: AuditEntryLike): AuditSentence {
  const named = NAMED[entry.action];
  const routed = named ? null : matchRoute(entry.action);
  const phrase = named ?? routed?.phrase;
  const failed = entry.outcome === 'failure';
  if (!phrase) {
    const text = `${failed ? 'Tried' : 'Did'}: ${fallbackWords(entry.action)}${failed ? ` (refused: ${refusalWords(entry)})` : ''}`;
    return { text, link: null, linkText: null, known: false };
  }

  const targetKind: Kind = (entry.targetType && KIND_OF_TARGET[entry.targetType]) || 'none';
  const kind: Kind = phrase.kind ?? targetKind;
  // The id: the entry's target, or for a refused write that names none, the route's own `:id`.
  const id = entry.targetId ?? routed?.params['id'] ?? filteredId(entry);
  const subject = entry.subject && (kind === 'none' || entry.subject.resource === RESOURCE_OF[kind as Exclude<Kind, 'none'>]) ? entry.subject : null;

  let object = '';
  let linkText: string | null = null;
  let link: AuditSentence['link'] = null;
  if (entry.action === 'cases.listed') {
    object = LIST_WORDS[entry.targetType ?? ''] ?? 'a list of records';
    const filter = entry.detail?.['filter'];
    const filtered = filter && typeof filter === 'object' && Object.keys(filter).length > 0;
    if (filtered) object += `, filtered by ${Object.keys(filter).map((k) => k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()).join(', ')}`;
  } else if (!phrase.alone && kind !== 'none') {
    const name = subject?.name ?? null;
    object = phrase.object ? phrase.object(name) : nameOf(kind, name, kind === 'case' || kind === 'flag' || kind === 'meeting' || kind === 'import' || kind === 'user' ? null : id);
    if (subject) {
      link = { resource: subject.resource, id: subject.id };
      linkText = object.replace(/^(the|a|an) /, '');
    }
  } else if (!phrase.alone) {
    object = 'a record';
  }
  const after = phrase.after ? (phrase.after === importKind ? importKind(entry, routed?.params) : phrase.after(entry)) : '';
  const body = `${object ? ` ${object}` : ''}${after}`;
  if (failed && phrase.failed) return { text: phrase.failed, link: null, linkText: null, known: true };
  const text = failed ? `Tried to ${phrase.tried}${body} (refused: ${refusalWords(entry)})` : `${phrase.done}${body}`;
  return { text: capitalize(text), link, linkText: link ? linkText : null, known: true };
}

/**
 * What the API should look up for an entry, to name it and link to it: the resource and the id. Null for entries
 * about nothing in particular (a sign-in, a list read, a bulk change).
 */
export function auditLookup(entry: Pick<AuditEntryLike, 'action' | 'targetType' | 'targetId'> & { detail?: AuditEntryLike['detail'] }): { resource: string; id: string } | null {
  const named = NAMED[entry.action];
  const routed = named ? null : matchRoute(entry.action);
  const phrase = named ?? routed?.phrase;
  if (!phrase || phrase.alone || entry.action === 'cases.listed') return null;
  const kind: Kind = phrase.kind ?? ((entry.targetType && KIND_OF_TARGET[entry.targetType]) || 'none');
  const id = entry.targetId ?? routed?.params['id'] ?? filteredId({ action: entry.action, detail: entry.detail ?? null });
  if (kind === 'none' || id === null) return null;
  return { resource: RESOURCE_OF[kind], id };
}
