export type { BuildReportOptions } from './document';
export { buildReportDocument } from './document';
export { cellText, reportTablesToCsv } from './csv';
export type { MinutesEntry, MinutesModel, MinutesOptions } from './minutes';
export { caseTitle, minutesModel, minutesToMarkdown } from './minutes';
export { canonicalJson } from './canonical-json';
export { sfTimeZoned, withZone } from './format';
