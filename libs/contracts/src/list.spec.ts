import { contentRange } from './list';

describe('contentRange', () => {
  it('names the inclusive range of rows returned and the total', () => {
    expect(contentRange('users', 0, 25, 120)).toBe('users 0-24/120');
    expect(contentRange('users', 100, 20, 120)).toBe('users 100-119/120');
  });
  it('uses the unsatisfied form when a page is empty', () => {
    expect(contentRange('users', 0, 0, 0)).toBe('users */0');
  });
});
