/** A charge in plain words (libs/statutes `describeCharge`). */
export interface ChargeText {
  /** The statute as the code book writes it (`PC 647(b)`, `PC 664/187(a)`); null when the item could not be read. */
  code: string | null;
  /** e.g. 'prostitution'; null when the code is not described. */
  description: string | null;
  /** From the charge as written, else from the code book when the statute fixes it. */
  level: ChargeLevelWord | null;
  /** Described by the code book or by an admin. */
  known: boolean;
  /** 'PC 647(b): prostitution, misdemeanor'; an unknown code as written. */
  text: string;
  /** Where the description comes from. */
  source: ChargeDescriptionSource | null;
}

export const CHARGE_LEVEL_WORDS = ['felony', 'misdemeanor', 'infraction'] as const;
export type ChargeLevelWord = (typeof CHARGE_LEVEL_WORDS)[number];
export type ChargeDescriptionSource = 'built-in' | 'admin';

/** One statute cited by the loaded arrests and DA decisions (`GET /api/charge-codes`). */
export interface ChargeCodeRecord {
  /** The code (`PC 647(b)`); also the id. */
  id: string;
  code: string;
  /** The description in use (an admin's before the built-in one); null when not described. */
  description: string | null;
  /** The level the code book or the admin gives; null when the statute does not fix it. */
  level: ChargeLevelWord | null;
  known: boolean;
  source: ChargeDescriptionSource | null;
  /** Arrests and DA decisions whose charges cite the code (each counted once, however often it cites it). */
  actions: number;
  arrests: number;
  daDecisions: number;
  /** The built-in code book's entry for the code or the nearest code above it, if any. */
  builtIn: { code: string; description: string; level: ChargeLevelWord | null; sourceUrl: string | null } | null;
  /** What an admin added for exactly this code, with its provenance. */
  added: ChargeCodeAddition | null;
}

export interface ChargeCodeAddition {
  description: string;
  level: ChargeLevelWord | null;
  /** Where the description comes from, e.g. a statute's page or a DA charging manual. */
  source: string;
  notes: string | null;
  describedBy: string;
  describedAt: string;
}

/** `PUT /api/charge-codes/:code` (admins). */
export interface DescribeChargeCodeRequest {
  description: string;
  level: ChargeLevelWord | null;
  source: string;
  notes?: string | null;
}
