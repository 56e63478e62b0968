import type { CreateIncidentCodeRequest, UpdateIncidentCodeRequest } from '@sra/contracts';

/** An admin's entry, checked and tidied: the code zero-padded, text trimmed with its spaces folded, blanks absent. */
export interface IncidentCodeInput {
  description: string;
  category: string | null;
  subcategory: string | null;
  source: string;
  note: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** `3074` and `03074` are the same code; anything but 1 to 5 digits is not a code. */
export function normaliseIncidentCode(text: string): Checked<string> {
  const trimmed = text.trim();
  if (!/^[0-9]{1,5}$/.test(trimmed)) return { ok: false, error: `"${trimmed.slice(0, 20)}" is not an incident code: up to five digits, e.g. 12075` };
  return { ok: true, value: trimmed.padStart(5, '0') };
}

const folded = (text: string | null | undefined): string => (text ?? '').trim().replace(/\s+/g, ' ');
const orNull = (text: string | null | undefined): string | null => folded(text) || null;

export function checkIncidentCodeInput(body: UpdateIncidentCodeRequest): Checked<IncidentCodeInput> {
  const description = folded(body.description);
  const source = (body.source ?? '').trim();
  if (description === '') return { ok: false, error: 'description must say what the code is, e.g. "Military Ordinance"' };
  if (source === '') return { ok: false, error: 'source must say where the description comes from (e.g. the DataSF rows that carry the code)' };
  return { ok: true, value: { description, category: orNull(body.category), subcategory: orNull(body.subcategory), source, note: body.note?.trim() || null } };
}

export function checkNewIncidentCode(body: CreateIncidentCodeRequest): Checked<IncidentCodeInput & { code: string }> {
  const code = normaliseIncidentCode(String(body.code ?? ''));
  if (!code.ok) return code;
  const rest = checkIncidentCodeInput(body);
  if (!rest.ok) return rest;
  return { ok: true, value: { code: code.value, ...rest.value } };
}
