import type { AuthProvider, UserIdentity } from 'react-admin';
import type { CurrentUser, LoginRequest, Role } from '@sra/contracts';
import { canRoleAccess, type AccessMap } from '../access';
import { API_ROOT, describeWait, messageFromBody, readJsonBody } from './http';

/**
 * Cookie-session authentication against the API:
 *
 * - `POST /api/auth/login` `{ email, password }` → 200 `CurrentUser` and a session
 *   cookie; 401 wrong credentials; 429 too many attempts (`Retry-After`, seconds).
 * - `POST /api/auth/logout` ends the session.
 * - `GET /api/auth/me` → 200 `CurrentUser`, or 401 when not signed in.
 *
 * React-admin asks for the identity, the permissions and access rights many
 * times per page, so the answer of `/me` is kept in memory for a few seconds
 * (and concurrent asks share one request). Signing in or out clears it.
 */

/** How long an answer of `GET /api/auth/me` is reused. */
const ME_CACHE_MS = 5_000;

/** An error carrying the HTTP status, as react-admin's `checkError` expects. */
export class AuthRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthRequestError';
  }
}

export interface SignedInIdentity extends UserIdentity {
  id: string;
  fullName: string;
  email: string;
  role: Role;
}

const jsonHeaders = { Accept: 'application/json', 'Content-Type': 'application/json' };

const SESSION_ENDED = 'Your session has ended, so you were signed out. Please sign in again.';

const NETWORK_PROBLEM = 'Cannot reach the server. Check your connection and try again in a moment.';

export function createAuthProvider(access: AccessMap): AuthProvider {
  let cached: { user: CurrentUser; at: number } | null = null;
  /** When we last learnt there is no session (a 401, or signing out): also reused briefly. */
  let signedOutAt: number | null = null;
  let pending: Promise<CurrentUser> | null = null;
  /** Bumped on sign-in and sign-out so that an older `/me` answer is not cached. */
  let generation = 0;
  /** True once the server has told us there is no session (401), until the next sign-in. */
  let knownSignedOut = false;
  /** True while this tab holds a session, to say "your session has ended" rather than nothing. */
  let hadSession = false;
  /** A sentence for the sign-in page, e.g. why the person was signed out. */
  let signInNotice: string | null = null;

  /** The session this tab had is gone (expired, revoked, server restarted). */
  function sessionLost(): void {
    if (hadSession) signInNotice = SESSION_ENDED;
    hadSession = false;
    clearCache();
    knownSignedOut = true;
    signedOutAt = Date.now();
  }

  function clearCache(): void {
    cached = null;
    signedOutAt = null;
    pending = null;
    generation += 1;
  }

  async function requestMe(): Promise<CurrentUser> {
    let response: Response;
    try {
      response = await fetch(`${API_ROOT}/auth/me`, {
        method: 'GET',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
    } catch {
      throw new AuthRequestError(NETWORK_PROBLEM, 0);
    }
    if (response.ok) return (await response.json()) as CurrentUser;
    const body = await readJsonBody(response);
    if (response.status === 401) throw new AuthRequestError(messageFromBody(body) ?? 'Not signed in.', 401);
    throw new AuthRequestError(
      messageFromBody(body) ?? `The server could not check your sign-in (error ${response.status}).`,
      response.status,
    );
  }

  /** The signed-in user, from the short-lived cache or from `GET /api/auth/me`. */
  function currentUser(): Promise<CurrentUser> {
    if (cached && Date.now() - cached.at < ME_CACHE_MS) return Promise.resolve(cached.user);
    if (signedOutAt !== null && Date.now() - signedOutAt < ME_CACHE_MS) {
      return Promise.reject(new AuthRequestError('Not signed in.', 401));
    }
    if (pending) return pending;
    const startedIn = generation;
    const request = requestMe().then(
      (user) => {
        if (startedIn === generation) {
          cached = { user, at: Date.now() };
          knownSignedOut = false;
          hadSession = true;
        }
        return user;
      },
      (error: unknown) => {
        if (startedIn === generation && error instanceof AuthRequestError && error.status === 401) {
          knownSignedOut = true;
          signedOutAt = Date.now();
        }
        throw error;
      },
    );
    pending = request;
    const forget = () => {
      if (pending === request) pending = null;
    };
    request.then(forget, forget);
    return request;
  }

  return {
    async login(params: LoginRequest) {
      clearCache();
      signInNotice = null;
      let response: Response;
      try {
        response = await fetch(`${API_ROOT}/auth/login`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: jsonHeaders,
          body: JSON.stringify({ email: params.email, password: params.password }),
        });
      } catch {
        throw new AuthRequestError(NETWORK_PROBLEM, 0);
      }
      if (response.ok) {
        const user = (await readJsonBody(response)) as CurrentUser | undefined;
        // The login answer is the freshest possible `/me`: keep it for the first page.
        if (user && typeof user === 'object' && 'role' in user) cached = { user, at: Date.now() };
        knownSignedOut = false;
        hadSession = true;
        return undefined;
      }
      const body = await readJsonBody(response);
      if (response.status === 401) throw new AuthRequestError('Wrong email or password', 401);
      if (response.status === 429) {
        const retryAfter = response.headers.get('Retry-After');
        const seconds = Number(retryAfter);
        const wait = describeWait(retryAfter);
        const message =
          messageFromBody(body) ??
          `Too many sign-in attempts. ${wait ? `Please wait ${wait} before trying again.` : 'Please wait a while before trying again.'}`;
        throw new AuthRequestError(message, 429, Number.isFinite(seconds) && seconds > 0 ? seconds : undefined);
      }
      if (response.status === 400) {
        throw new AuthRequestError(messageFromBody(body) ?? 'Enter your email address and your password.', 400);
      }
      throw new AuthRequestError(
        `Signing in did not work because of a problem on the server (error ${response.status}). Please try again in a moment.`,
        response.status,
      );
    },

    async logout() {
      // No request when the server has just told us there is no session (401).
      const skipRequest = knownSignedOut;
      clearCache();
      hadSession = false;
      knownSignedOut = true;
      signedOutAt = Date.now();
      if (skipRequest) return undefined;
      try {
        await fetch(`${API_ROOT}/auth/logout`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        });
      } catch {
        // Signing out locally still happens; the server session expires on its own.
      }
      return undefined;
    },

    async checkAuth() {
      try {
        await currentUser();
      } catch (error) {
        if (error instanceof AuthRequestError && error.status === 401) {
          // The sign-in page says why (see getSignInNotice), so no toast here.
          sessionLost();
          throw { message: false };
        }
        // Server unreachable or failing (e.g. restarting): do not sign the person
        // out for that. Pages show the error, and the dashboard says what is wrong.
      }
    },

    async checkError(error: { status?: number } | undefined) {
      const status = error?.status;
      if (status === 401) {
        sessionLost();
        throw { message: false };
      }
      // 403 means "signed in, but not allowed to do that": keep the session and
      // let the page show the error.
    },

    async getIdentity(): Promise<SignedInIdentity> {
      const user = await currentUser();
      return {
        id: user.id,
        fullName: user.displayName?.trim() || user.email,
        email: user.email,
        role: user.role,
      };
    },

    async getPermissions(): Promise<Role> {
      const user = await currentUser();
      return user.role;
    },

    /** Not part of react-admin's contract: read by our sign-in page. */
    getSignInNotice(): string | null {
      return signInNotice;
    },

    async canAccess({ resource, action }: { resource: string; action: string }) {
      const user = await currentUser();
      return canRoleAccess(access, user.role, resource, action);
    },
  };
}
