import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

/** The signed-in user, as `GET /api/auth/me` and `POST /api/auth/login` return it. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
}

export const SESSION_COOKIE = 'sra_session';
