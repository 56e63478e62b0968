import type { Role } from './roles';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/**
 * `GET /api/users/:id` and `POST /api/users/:id/unlock` (admins): the account, and until when sign-in to it is locked
 * after guessing from many addresses (ISO time; null when it is not). The lock is kept in the server's memory.
 */
export interface UserDetail extends UserRecord {
  signInLockedUntil: string | null;
}

export interface CreateUserRequest {
  email: string;
  role: Role;
  password: string;
  displayName?: string;
}

/** `PUT /api/users/:id` (admins): the account's role and whether it can sign in. Either change ends the user's sessions. */
export interface UpdateUserRequest {
  role: Role;
  active: boolean;
}
