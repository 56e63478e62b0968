import type { ChargeCodeRecord } from '@sra/contracts';

export const LEVEL_CHOICES = [
  { id: 'felony', name: 'Felony' },
  { id: 'misdemeanor', name: 'Misdemeanor' },
  { id: 'infraction', name: 'Infraction' },
];

export const KNOWN_CHOICES = [
  { id: 'false', name: 'Not described yet' },
  { id: 'true', name: 'Described' },
];

/** Where a code's description comes from, in words. */
export function sourceWords(record: Pick<ChargeCodeRecord, 'source' | 'added'>): string {
  if (record.source === 'admin') return record.added ? `Added by ${record.added.describedBy}` : 'Added by an admin';
  if (record.source === 'built-in') return 'Built-in code book';
  return 'Not described yet';
}

export function levelWord(level: ChargeCodeRecord['level']): string {
  return level === null ? 'Not fixed by the statute' : level[0].toUpperCase() + level.slice(1);
}
