import { REVIEW_STATUSES, REVIEW_TRANSITIONS, reviewTransitionProblem, transitionNeedsNote, type ReviewStatus } from './reviews';

const DECISIONS = ['confirmed_violation', 'not_a_violation', 'policy_exception', 'data_error'] as const satisfies readonly ReviewStatus[];
const NAMES: Record<(typeof DECISIONS)[number], string> = {
  confirmed_violation: 'Confirmed violation',
  not_a_violation: 'Not a violation',
  policy_exception: 'Policy exception',
  data_error: 'Data error',
};

describe('review transitions', () => {
  it('new is only a start: nothing leads back to it', () => {
    for (const from of REVIEW_STATUSES) expect(REVIEW_TRANSITIONS[from]).not.toContain('new');
  });

  it('a decision is taken from new or in review, and a decided case is only reopened', () => {
    for (const decision of DECISIONS) {
      expect(reviewTransitionProblem('new', decision, 'why')).toBeNull();
      expect(reviewTransitionProblem('in_review', decision, 'why')).toBeNull();
      expect(REVIEW_TRANSITIONS[decision]).toEqual(['in_review']);
      for (const other of DECISIONS.filter((d) => d !== decision)) {
        expect(reviewTransitionProblem(decision, other, 'why')).toBe(`a case that is "${NAMES[decision]}" can only become "In review"`);
      }
    }
  });

  it('dismissing and reopening need a note; confirming and starting a review do not', () => {
    expect(transitionNeedsNote('new', 'in_review')).toBe(false);
    expect(transitionNeedsNote('in_review', 'confirmed_violation')).toBe(false);
    expect(transitionNeedsNote('new', 'not_a_violation')).toBe(true);
    expect(transitionNeedsNote('in_review', 'policy_exception')).toBe(true);
    expect(transitionNeedsNote('in_review', 'data_error')).toBe(true);
    expect(transitionNeedsNote('confirmed_violation', 'in_review')).toBe(true);
    expect(reviewTransitionProblem('in_review', 'data_error', '  ')).toBe('changing "In review" to "Data error" needs a note saying why');
    expect(reviewTransitionProblem('data_error', 'in_review', 'the file was corrected')).toBeNull();
  });

  it('the same status is not a change', () => {
    expect(reviewTransitionProblem('in_review', 'in_review', 'x')).toBe('the case is already "In review"');
  });
});
