import type { DataSource } from 'typeorm';
import type { ChargeReading, FlagRecord, PolicyVersionDetail, PolicyVersionRecord } from '@sra/contracts';
import { readCharges, type PolicyDocument } from '@sra/policies';
import type { ActionRow } from '../cases/case-timeline';

/*
 * What a flag's page and each rule on a case's page show of one flag beyond its row: the person's roles in the report
 * it follows, and the action's charges as its policy version reads them.
 */

/** The person's roles in the incident of the report a flag follows (none for a flag without a report). */
export async function readReportRoles(db: DataSource, flag: Pick<FlagRecord, 'reportIncidentNumber' | 'personKey'>): Promise<string[]> {
  if (!flag.reportIncidentNumber) return [];
  const rows: Array<{ person_role: string }> = await db.query(
    `SELECT person_role FROM incident_person WHERE incident_number = $1 AND person_key = $2 ORDER BY person_role`,
    [flag.reportIncidentNumber, flag.personKey],
  );
  return rows.map((r) => r.person_role);
}

/** The policy version that judged a flag (without its document) and the action's charges as that version reads them. */
export function readUnderPolicy(
  version: PolicyVersionDetail,
  action: ActionRow | null,
  overlay: Parameters<typeof readCharges>[2],
): { policyVersion: PolicyVersionRecord; charges: ChargeReading[] } {
  const { document, ...policyVersion } = version;
  const charges = action ? readCharges(document as unknown as PolicyDocument, action.charges, overlay) : [];
  return { policyVersion, charges };
}
