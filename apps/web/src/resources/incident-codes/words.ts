import type { IncidentCodeRecord } from '@sra/contracts';

export const PROVENANCE_CHOICES = [
  { id: 'catalog', name: 'DataSF catalog' },
  { id: 'admin', name: 'Added by an admin' },
];

/** Where an entry comes from, in words. */
export function provenanceWords(record: Pick<IncidentCodeRecord, 'provenance'>): string {
  return record.provenance === 'catalog' ? 'DataSF catalog' : 'Added by an admin';
}

/** The address of the form that adds a code, filled in with what a batch's file said of it. */
export function describeCodeLink(code: string, descriptionInFile: string | null): string {
  const source = { code, description: descriptionInFile ?? '' };
  return `/incident-codes/create?source=${encodeURIComponent(JSON.stringify(source))}`;
}
