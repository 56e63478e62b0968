import type { AuditLogEntry } from '@sra/contracts';

export const OUTCOME_CHOICES: Array<{ id: AuditLogEntry['outcome']; name: string }> = [
  { id: 'success', name: 'Success' },
  { id: 'failure', name: 'Failure' },
];

export function outcomeLabel(outcome: unknown): string {
  return OUTCOME_CHOICES.find((choice) => choice.id === outcome)?.name ?? String(outcome ?? '');
}
