import type { UserDetail } from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT } from '../../providers/http';

/** `POST /api/users/:id/unlock` (admins): ends the account's sign-in lock, so its owner can sign in at once. */
export async function endSignInLock(id: string): Promise<UserDetail> {
  const { json } = await httpClient(`${API_ROOT}/users/${encodeURIComponent(id)}/unlock`, { method: 'POST' });
  return json as UserDetail;
}
