export type { CountTableInput, SuppressedCountTable } from './suppress';
export { DEFAULT_THRESHOLD, isSmallCount, suppressCountTable, suppressCounts, suppressedLabel } from './suppress';
