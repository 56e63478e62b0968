/** [code (5 digits), category, subcategory, description] */
export type IncidentCodeEntry = readonly [code: string, category: string, subcategory: string, description: string];

/** [value, count] pairs, most frequent first. */
export type Weights<T> = ReadonlyArray<readonly [T, number]>;

/** [intersection, CNN, police district, analysis neighborhood, supervisor district, latitude, longitude, count] */
export type LocationEntry = readonly [string, string, string, string, string, string, string, number];

export interface MonthProfile {
  header: readonly string[];
  rowCount: number;
  codeWeights: Weights<string>;
  rowsPerReport: Weights<number>;
  reportsPerIncident: Weights<number>;
  reportTypeByCategory: Readonly<Record<string, Weights<string>>>;
  onlineShareByCategory: Readonly<Record<string, number>>;
  resolutionByCategory: Readonly<Record<string, Weights<string>>>;
  incidentHourWeights: Weights<number>;
  weekdayWeights: Weights<number>;
  /** 21 quantiles (0%, 5%, ... 100%) of minutes from incident to report. */
  reportDelayMinuteQuantiles: readonly number[];
  locations: readonly LocationEntry[];
}
