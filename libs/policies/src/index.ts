export { PROVENANCES, REASONS, RULE_IDS } from './model';
export type {
  Confidence,
  Nexus,
  NexusWindow,
  PolicyAudits,
  PolicyDocument,
  PolicySource,
  ProtectedChargeList,
  Provenance,
  QualificationList,
  Reason,
  RepealedCodeList,
  RuleId,
} from './model';
export { DEFAULT_POLICIES } from './defaults';
export type { PolicyIssue } from './validate';
export { dateProblem, validatePolicy } from './validate';
export type { PolicyChange } from './diff';
export { diffPolicies } from './diff';
export type { VersionHistoryIssue } from './versions';
export { checkVersionHistory, versionInForce } from './versions';
export type { IncidentCodeRowLabels } from './qualify';
export { incidentQualifies, padIncidentCode, rowQualifies } from './qualify';
export type { AuditedAction } from './audits';
export { auditsAction } from './audits';
export type { ChargeAssessment, RepealedAssessment } from './charges';
export { assessCharges, chargesOf, displayCharge, protectedChargeReasons, repealedCharges, sortedUnique } from './charges';
export type { ConfidenceInput, ConfidenceResult } from './confidence';
export { confidenceOf } from './confidence';
export type { ActionFacts, FlagFacts, ReportFacts } from './sentence';
export { flagSentence, hoursPhrase } from './sentence';
export { readCharges } from './readings';
