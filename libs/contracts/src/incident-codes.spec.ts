import { categoryWords, NO_CATEGORY_PUBLISHED } from './incident-codes';

describe('categoryWords', () => {
  it('shows "no category published" for a code DataSF publishes without one (12075, 65021)', () => {
    expect(NO_CATEGORY_PUBLISHED).toBe('no category published');
    expect(categoryWords(null)).toBe('no category published');
    expect(categoryWords(undefined)).toBe('no category published');
    expect(categoryWords('  ')).toBe('no category published');
  });

  it('shows a published category as it is', () => {
    expect(categoryWords('Robbery')).toBe('Robbery');
  });
});
