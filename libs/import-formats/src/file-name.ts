/** The longest file name the batch history keeps, in characters; longer names keep their start and extension. */
export const MAX_FILE_NAME_LENGTH = 120;

const FALLBACK = 'upload.csv';
/**
 * Characters that would make a name lie on screen or break a line of a log or a CSV: C0 and C1 controls, bidi
 * embeddings, overrides and isolates (a name "report\u202Evsc.exe" shows as "reportexe.csv"), zero-width marks,
 * line and paragraph separators, and the BOM.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The name of an uploaded file as the batch history keeps and shows it: whatever the client sent (a browser may
 * send a path, a hostile client anything), reduced to its last path part, in NFC, without control or invisible
 * characters, on one line, and at most MAX_FILE_NAME_LENGTH characters. Nothing is refused: the name only labels
 * the batch (the file's content is identified by its SHA-256).
 */
export function fileNameForRecord(sent: string | undefined | null): string {
  const lastPart = String(sent ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart.normalize('NFC').replace(INVISIBLE_OR_CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return FALLBACK;
  const characters = Array.from(cleaned); // whole code points: never half a surrogate pair
  if (characters.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? Array.from(cleaned.slice(dot)) : [];
  const stem = characters.slice(0, MAX_FILE_NAME_LENGTH - extension.length - 1);
  return `${stem.join('').trimEnd()}…${extension.join('')}`;
}
