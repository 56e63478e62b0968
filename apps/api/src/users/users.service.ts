import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QueryFailedError, Repository } from 'typeorm';
import { ROLES, type CreateUserRequest, type CurrentUser, type ListQuery, type UpdateUserRequest, type UserDetail, type UserRecord } from '@sra/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { listSql } from '../common/list-sql';
import type { ListSpec } from '../common/list-query';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { User } from './entities/user.entity';

export const INITIAL_ADMIN_EMAIL = 'admin@localhost';
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';

export const USER_LIST: ListSpec = {
  sortable: { email: 'u.email', role: 'u.role', createdAt: 'u.created_at', lastSignInAt: 'u.last_sign_in_at', displayName: 'u.display_name' },
  defaultSort: { field: 'email', order: 'ASC' },
  filters: {
    q: { column: 'u.email', kind: 'search', values: ['u.display_name'] },
    role: { column: 'u.role', kind: 'enum', values: ROLES },
    active: { column: 'u.active', kind: 'bool' },
  },
  idColumn: 'u.id',
  idKind: 'uuid',
};

export type InitialAdminResult =
  | { created: false }
  | { created: true; email: string; passwordSource: 'environment' }
  | { created: true; email: string; passwordSource: 'generated'; password: string; passwordFile: string };

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signInLimits: LoginRateLimiter,
  ) {}

  async create(input: CreateUserRequest): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const passwordHash = await hashPassword(input.password);
    try {
      const result = await this.users.insert({ email, role: input.role, displayName: input.displayName?.trim() || null, passwordHash });
      const id = (result.identifiers[0] as { id: string }).id;
      const created = await this.get(id);
      if (!created) throw new Error(`user ${id} vanished right after it was created`);
      return created;
    } catch (error) {
      if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505') {
        throw new ConflictException(`A user with the email ${email} already exists`);
      }
      throw error;
    }
  }

  async get(id: string): Promise<UserRecord | null> {
    const user = await this.users.findOne({ where: { id } });
    return user ? toRecord(user) : null;
  }

  /** The account and until when sign-in to it is locked (guessing from many addresses), or null without the account. */
  async getDetail(id: string): Promise<UserDetail | null> {
    const user = await this.get(id);
    if (!user) return null;
    const lockedUntil = await this.signInLimits.accountLockedUntil(user.email);
    return { ...user, signInLockedUntil: lockedUntil ? lockedUntil.toISOString() : null };
  }

  /**
   * An admin ends the account's sign-in lock and its count of failures from any address, so its owner can sign in
   * at once; the limits on each guessing address stay.
   */
  async endSignInLock(id: string): Promise<UserDetail> {
    const user = await this.get(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    await this.signInLimits.endAccountLock(user.email);
    return { ...user, signInLockedUntil: null };
  }

  async list(query: ListQuery): Promise<{ rows: UserRecord[]; total: number }> {
    return listSql<UserRecord>(
      this.users.manager.connection,
      `SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.active, to_json(u.created_at) #>> '{}' AS "createdAt",
              to_json(u.last_sign_in_at) #>> '{}' AS "lastSignInAt" FROM app_user u`,
      query,
      USER_LIST,
    );
  }

  async all(): Promise<UserRecord[]> {
    return (await this.users.find({ order: { email: 'ASC' } })).map(toRecord);
  }

  /** For sign-in only: the one place the password hash is read. */
  async findForSignIn(email: string): Promise<(User & { passwordHash: string }) | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne() as Promise<(User & { passwordHash: string }) | null>;
  }

  /**
   * Sets a new password (hashed) and ends every other session of the user. Once the first administrator has chosen
   * a password, the generated one in the data dir is of no use to anyone, and a copy of a credential: it goes.
   */
  async setPassword(id: string, password: string, keepSessionTokenHash: Buffer | null = null): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    await this.users.update({ id }, { passwordHash: await hashPassword(password) });
    await this.users.manager.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [id, keepSessionTokenHash]);
    const user = await this.users.findOne({ where: { id } });
    if (user?.email === INITIAL_ADMIN_EMAIL) fs.rmSync(path.join(this.config.dataDir, INITIAL_ADMIN_PASSWORD_FILE), { force: true });
  }

  /**
   * An admin changes an account's role or deactivates (or reactivates) it. Either change ends every session of
   * that user at once, so a demoted or deactivated person keeps nothing they were let into before. At least one
   * active administrator always remains, and an admin cannot change their own account (another admin can).
   */
  async update(id: string, change: UpdateUserRequest, actor: Pick<CurrentUser, 'id'>): Promise<UserRecord> {
    if (id === actor.id) {
      throw new BadRequestException('You cannot change your own role or deactivate your own account; another administrator can.');
    }
    await this.users.manager.transaction(async (tx) => {
      // Serialises concurrent changes to administrators, so two admins cannot demote each other at once.
      const admins: Array<{ id: string }> = await tx.query(`SELECT id FROM app_user WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`);
      const rows: Array<{ role: string; active: boolean }> = await tx.query(`SELECT role, active FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
      if (rows.length === 0) throw new NotFoundException(`No user ${id}`);
      const [before] = rows;
      const stillAdmin = change.role === 'admin' && change.active;
      if (!stillAdmin && admins.some((a) => a.id === id) && admins.length <= 1) {
        throw new BadRequestException('This is the only active administrator: make another account an administrator first.');
      }
      // A request that was let in just before its admin was demoted by another admin does not go through.
      if (!admins.some((a) => a.id === actor.id)) throw new ForbiddenException('Your account is no longer an active administrator.');
      if (before.role === change.role && before.active === change.active) return;
      await tx.query(`UPDATE app_user SET role = $2, active = $3 WHERE id = $1`, [id, change.role, change.active]);
      await tx.query(`DELETE FROM user_session WHERE user_id = $1`, [id]);
    });
    const updated = await this.get(id);
    if (!updated) throw new NotFoundException(`No user ${id}`);
    return updated;
  }

  async findIdByEmail(email: string): Promise<string | null> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    return user?.id ?? null;
  }

  async markSignedIn(id: string): Promise<void> {
    await this.users.update({ id }, { lastSignInAt: () => 'now()' });
  }

  /**
   * First start: with no users at all, create admin@localhost so someone can
   * sign in. The password comes from AUDIT_ADMIN_PASSWORD, or is generated and
   * written (mode 0600) to the data dir for the operator to pick up.
   */
  async ensureInitialAdmin(adminPassword: string | null, dataDir: string): Promise<InitialAdminResult> {
    if ((await this.users.count()) > 0) return { created: false };
    const password = adminPassword ?? randomBytes(18).toString('base64url');
    try {
      await this.create({ email: INITIAL_ADMIN_EMAIL, role: 'admin', password, displayName: 'Initial administrator' });
    } catch (error) {
      if (error instanceof ConflictException) return { created: false }; // another instance won the race
      throw error;
    }
    if (adminPassword) return { created: true, email: INITIAL_ADMIN_EMAIL, passwordSource: 'environment' };
    fs.mkdirSync(dataDir, { recursive: true });
    const passwordFile = path.join(dataDir, INITIAL_ADMIN_PASSWORD_FILE);
    fs.rmSync(passwordFile, { force: true });
    fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600, flag: 'wx' });
    return { created: true, email: INITIAL_ADMIN_EMAIL, passwordSource: 'generated', password, passwordFile };
  }
}

function toRecord(u: User): UserRecord {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
  };
}
