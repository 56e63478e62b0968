import { loadableCsvField } from '@sra/import-formats';

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break (the generator's files are loaded back). */
export const csvField = loadableCsvField;

export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i ? ',' : '') + csvField(fields[i]);
  return `${line}\n`;
}
