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

export interface CreateUserRequest {
  email: string;
  role: Role;
  password: string;
  displayName?: string;
}
