export * from './types';
export { INCIDENT_CODES } from './incident-codes.generated';
export { DECEMBER_2018 } from './december-2018-profile.generated';

import { INCIDENT_CODES } from './incident-codes.generated';
import type { IncidentCodeEntry } from './types';

const BY_CODE = new Map(INCIDENT_CODES.map((entry) => [entry[0], entry]));

/** The catalog entry of a code (`3074` and `03074` are the same code). */
export function incidentCode(code: string): IncidentCodeEntry | undefined {
  return BY_CODE.get(code.padStart(5, '0'));
}
