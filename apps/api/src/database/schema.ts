import { AuditLogEntryEntity } from '../audit-log/entities/audit-log-entry.entity';
import { UserSession } from '../auth/entities/user-session.entity';
import { User } from '../users/entities/user.entity';
import { Foundation1764230400000 } from './migrations/1764230400000-Foundation';
import { Ingest1764316800000 } from './migrations/1764316800000-Ingest';
import { RowHash1764489600000 } from './migrations/1764489600000-RowHash';
import { Compliance1764576000000 } from './migrations/1764576000000-Compliance';
import { EligibleReports1764662400000 } from './migrations/1764662400000-EligibleReports';
import { Reviews1764748800000 } from './migrations/1764748800000-Reviews';
import { DataVersion1764835200000 } from './migrations/1764835200000-DataVersion';
import { Meetings1764921600000 } from './migrations/1764921600000-Meetings';
import { Reports1765008000000 } from './migrations/1765008000000-Reports';
import { EvaluationScope1765094400000 } from './migrations/1765094400000-EvaluationScope';
import { ChargeCodes1765180800000 } from './migrations/1765180800000-ChargeCodes';
import { Cases1765440000000 } from './migrations/1765440000000-Cases';
import { ReleaseKnowledge1765526400000 } from './migrations/1765526400000-ReleaseKnowledge';
import { IgnoredColumnCount1765620000000 } from './migrations/1765620000000-IgnoredColumnCount';
import { BulkLoadAsOwner1765700000000 } from './migrations/1765700000000-BulkLoadAsOwner';
import { FailedLoads1765706400000 } from './migrations/1765706400000-FailedLoads';
import { IncidentSummary1765720800000 } from './migrations/1765720800000-IncidentSummary';
import { MeetingDecisions1765800000000 } from './migrations/1765800000000-MeetingDecisions';
import { CaseReference1765900000000 } from './migrations/1765900000000-CaseReference';
import { IncidentCodeCatalog1766000000000 } from './migrations/1766000000000-IncidentCodeCatalog';
import { DataSfPull1766200000000 } from './migrations/1766200000000-DataSfPull';
import { PersonLinkKeys1766300000000 } from './migrations/1766300000000-PersonLinkKeys';
/** Listed explicitly: globs break in bundles and hide what the schema is. */
export const ENTITIES = [User, UserSession, AuditLogEntryEntity];

/** In order. Each runs in its own transaction. */
export const MIGRATIONS = [Foundation1764230400000, Ingest1764316800000, RowHash1764489600000, Compliance1764576000000, EligibleReports1764662400000, Reviews1764748800000, DataVersion1764835200000, Meetings1764921600000, Reports1765008000000, EvaluationScope1765094400000, ChargeCodes1765180800000, Cases1765440000000, ReleaseKnowledge1765526400000, IgnoredColumnCount1765620000000, BulkLoadAsOwner1765700000000, FailedLoads1765706400000, IncidentSummary1765720800000, MeetingDecisions1765800000000, CaseReference1765900000000, IncidentCodeCatalog1766000000000, DataSfPull1766200000000, PersonLinkKeys1766300000000];
