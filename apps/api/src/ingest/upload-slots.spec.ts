import { loadConfig } from '../config/app-config';
import { UploadSlots, type UploadSlot, type UploadSlotRefusal } from './upload-slots';

const slots = (env: Record<string, string>) =>
  // take() reads only the configuration: the database and the HTTP server are for the start-up checks.
  new UploadSlots(loadConfig(env, '/srv/audit'), null as never, null as never);

const isSlot = (taken: UploadSlot | UploadSlotRefusal): taken is UploadSlot => 'release' in taken;

describe('UploadSlots', () => {
  it('gives each user at most AUDIT_UPLOADS_PER_USER places, and everyone together AUDIT_UPLOADS_MAX', () => {
    const s = slots({ AUDIT_UPLOADS_PER_USER: '2', AUDIT_UPLOADS_MAX: '3' });
    const a1 = s.take('a');
    const a2 = s.take('a');
    expect([isSlot(a1), isSlot(a2)]).toEqual([true, true]);
    expect(s.take('a')).toMatchObject({ limit: 'per-user', retryAfterSeconds: 10, message: expect.stringMatching(/^You already have 2 uploads/) });
    expect(isSlot(s.take('b'))).toBe(true);
    expect(s.take('c')).toMatchObject({ limit: 'overall', message: expect.stringMatching(/^The server is already taking 3 uploads/) });
    expect(s.inUse).toBe(3);
  });

  it('frees a place once, however often it is released', () => {
    const s = slots({ AUDIT_UPLOADS_PER_USER: '1', AUDIT_UPLOADS_MAX: '2' });
    const first = s.take('a') as UploadSlot;
    first.release();
    first.release();
    expect(s.inUse).toBe(0);
    expect(isSlot(s.take('a'))).toBe(true);
    expect(isSlot(s.take('b'))).toBe(true);
    expect(isSlot(s.take('c'))).toBe(false);
  });
});
