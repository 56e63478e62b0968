import { INCIDENT_CODES } from '@sra/sfpd-data';
import { FELONY_DRUG, OTHER_FELONY, OTHER_MISDEMEANOR, PROTECTED, type ChargeForm } from './charges';
import type { DaAction, PersonRole } from './model';
import type { Rng } from './rng';

/**
 * Planted cases: the worked examples of compliance-rules.md §9 and their
 * variations. A scenario says what happened (who reported what, and what the
 * police and the DA did); it never says which flags that gives. The flags come
 * from the reference oracle, so a scenario that is wrong about the rules shows
 * up as a disagreement, not as a wrong answer key.
 */

/** Codes by what the policies say about them (intent only: the oracle decides). */
function codesWhere(test: (category: string, subcategory: string, code: string) => boolean): string[] {
  return INCIDENT_CODES.filter(([code, category, subcategory]) => test(category, subcategory, code)).map(([code]) => code);
}

export const CODE_POOLS = {
  /** Qualify under the SF policies and PC 647.3. */
  violent: [
    ...codesWhere((cat) => cat === 'Robbery'),
    ...codesWhere((cat) => cat === 'Homicide' || cat === 'Rape'),
    ...codesWhere((_, sub, code) => sub === 'Aggravated Assault' && !/^040(7[34]|8[0-4])$/.test(code)),
    ...codesWhere((_, sub) => sub === 'Burglary - Residential' || sub === 'Burglary - Hot Prowl' || sub === 'Kidnapping' || sub === 'Stalking' || sub === 'Extortion-Blackmail'),
    '04144',
    '15040',
    '19057',
  ],
  /** Qualify under the SF policies only. */
  sfOnly: ['04134', '04104', '05051', '19055', '15200'],
  /** Assault category, but the victim is an officer or nobody was attacked. */
  excluded: ['04073', '04074', '04080', '04083'],
  /** Not violent crimes. */
  nonQualifying: ['06244', '06374', '07021', '28150', '09320'],
  /** Where a temporal-nexus arrest happens: prostitution and drug incidents. */
  enforcement: [...codesWhere((cat) => cat === 'Prostitution'), ...codesWhere((cat, _, code) => cat === 'Drug Offense' && /^16(010|100|210|610|650|710)$/.test(code))],
} as const;

export interface ActionPlan {
  /** Where the arrest is recorded: the reported incident, or a new one. */
  incident: 'report' | 'new';
  /** Minutes from the report time (negative: before it; for 'new' the arrest time). */
  offsetMinutes: number;
  agency: string;
  custody: 'booked' | 'cited';
  charges: ChargeForm[];
  /** Only a date, no time, on the arrest record. */
  dateOnly?: boolean;
  /** A DA decision on this arrest. */
  da?: { action: DaAction; charges?: ChargeForm[] };
  /** A DA decision without an arrest record (the arrest is not in the files). */
  daOnly?: boolean;
}

export interface ScenarioPlan {
  kind: string;
  /** Codes of the reported incident; the first is the primary. */
  reportCodes: string[];
  roles: PersonRole[];
  /** Whether the actions below are the breach the policy forbids (subject to the breach rate). */
  breach: boolean;
  actions: ActionPlan[];
  /** A second qualifying report by the same person, some hours before the first. */
  secondReportHoursBefore?: number;
}

const hours = (h: number) => Math.round(h * 60);

function protectedCharge(rng: Rng): ChargeForm {
  const r = rng.next();
  if (r < 0.55) return PROTECTED.solicitation;
  if (r < 0.62) return PROTECTED.disorderly;
  if (r < 0.7) return PROTECTED.loitering;
  if (r < 0.8) return PROTECTED.methPossession;
  if (r < 0.86) return PROTECTED.paraphernalia;
  if (r < 0.9) return PROTECTED.underInfluence;
  if (r < 0.95) return PROTECTED.possessionNoLevel;
  return PROTECTED.nuisance;
}

const coveredRoles = (rng: Rng): PersonRole[] => {
  const r = rng.next();
  if (r < 0.75) return ['victim'];
  if (r < 0.9) return ['witness'];
  return ['victim', 'reporting party'];
};

const arrestSoon = (rng: Rng) => rng.between(10, hours(6));
const otherAgency = (rng: Rng) => rng.pick(['SFSO', 'CHP', 'BART PD', 'UCSF PD']);

/** Each builder is one situation of §9, with its variations drawn from `rng`. */
const BUILDERS: Array<{ kind: string; weight: number; build: (rng: Rng) => Omit<ScenarioPlan, 'kind'> }> = [
  {
    kind: 'direct-arrest', // §9.1
    weight: 20,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: coveredRoles(rng),
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: rng.chance(0.7) ? 'booked' : 'cited', charges: [protectedCharge(rng)], dateOnly: rng.chance(0.1) }],
    }),
  },
  {
    kind: 'temporal-arrest', // §9.2
    weight: 12,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: coveredRoles(rng),
      breach: true,
      actions: [
        {
          incident: 'new',
          offsetMinutes: rng.chance(0.85) ? rng.between(hours(1), hours(70)) : -rng.between(hours(1), hours(20)),
          agency: 'SFPD',
          custody: 'booked',
          charges: [protectedCharge(rng)],
        },
      ],
    }),
  },
  {
    kind: 'late-arrest', // §9.3
    weight: 6,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: false,
      actions: [{ incident: 'new', offsetMinutes: rng.between(hours(24 * 8), hours(24 * 20)), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'felony-drug', // §9.4
    weight: 5,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: false,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [rng.pick(FELONY_DRUG)] }],
    }),
  },
  {
    kind: 'mixed-felony', // §9.5
    weight: 6,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.methPossession, rng.pick(OTHER_FELONY)] }],
    }),
  },
  {
    kind: 'mixed-misdemeanor',
    weight: 5,
    build: (rng) => {
      const temporal = rng.chance(0.4);
      return {
        reportCodes: [rng.pick(CODE_POOLS.violent)],
        roles: ['victim'],
        breach: true,
        actions: [
          { incident: temporal ? 'new' : 'report', offsetMinutes: temporal ? rng.between(hours(2), hours(48)) : arrestSoon(rng), agency: 'SFPD', custody: 'cited', charges: [PROTECTED.solicitation, rng.pick(OTHER_MISDEMEANOR)] },
        ],
      };
    },
  },
  {
    kind: 'sf-only-crime', // §9.6
    weight: 8,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.sfOnly)],
      roles: coveredRoles(rng),
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [protectedCharge(rng)] }],
    }),
  },
  {
    kind: 'suspect-only', // §9.7
    weight: 6,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['suspect'],
      breach: false,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'victim-and-suspect',
    weight: 3,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim', 'suspect'],
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'da-charged', // §9.8
    weight: 10,
    build: (rng) => {
      const daOnly = rng.chance(0.3);
      return {
        reportCodes: [rng.pick(CODE_POOLS.violent)],
        roles: ['victim'],
        breach: true,
        actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation], daOnly, da: { action: 'Charged', charges: [PROTECTED.solicitation] } }],
      };
    },
  },
  {
    kind: 'da-declined', // §9.9
    weight: 6,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: false,
      actions: [
        {
          incident: 'report',
          offsetMinutes: arrestSoon(rng),
          agency: 'SFPD',
          custody: 'booked',
          charges: [PROTECTED.solicitation],
          daOnly: true,
          da: { action: rng.pick(['Discharged', 'Rejected', 'Diverted', 'Referred for Further Investigation', 'Referred to Other Agency', 'Motion to Revoke'] as const) },
        },
      ],
    }),
  },
  {
    kind: 'other-agency',
    weight: 5,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: true,
      actions: [{ incident: rng.chance(0.5) ? 'report' : 'new', offsetMinutes: arrestSoon(rng), agency: otherAgency(rng), custody: rng.chance(0.5) ? 'booked' : 'cited', charges: [protectedCharge(rng)] }],
    }),
  },
  {
    kind: 'reporting-party-only',
    weight: 3,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['reporting party'],
      breach: false,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'cited', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'ambiguous-647',
    weight: 3,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'cited', charges: [PROTECTED.bare647] }],
    }),
  },
  {
    kind: 'excluded-code',
    weight: 3,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.excluded)],
      roles: ['victim'],
      breach: false,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'non-qualifying-crime',
    weight: 4,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.nonQualifying)],
      roles: ['victim'],
      breach: false,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'cited', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'two-reports',
    weight: 2,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: true,
      secondReportHoursBefore: rng.between(6, 40),
      actions: [{ incident: 'new', offsetMinutes: rng.between(hours(1), hours(30)), agency: 'SFPD', custody: 'booked', charges: [PROTECTED.solicitation] }],
    }),
  },
  {
    kind: 'multi-code-report',
    weight: 3,
    build: (rng) => ({
      reportCodes: [rng.pick(CODE_POOLS.nonQualifying), rng.pick(CODE_POOLS.violent)],
      roles: ['victim'],
      breach: true,
      actions: [{ incident: 'report', offsetMinutes: arrestSoon(rng), agency: 'SFPD', custody: 'booked', charges: [protectedCharge(rng)] }],
    }),
  },
];

export const SCENARIO_KINDS = BUILDERS.map((b) => b.kind);
const TOTAL_WEIGHT = BUILDERS.reduce((s, b) => s + b.weight, 0);

export function planScenario(rng: Rng): ScenarioPlan {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const b of BUILDERS) {
    r -= b.weight;
    if (r < 0) return { kind: b.kind, ...b.build(rng) };
  }
  const last = BUILDERS[BUILDERS.length - 1];
  return { kind: last.kind, ...last.build(rng) };
}

/**
 * How likely an encounter ends in a breach at a given date: the base rate
 * before any policy, falling after each policy starts and drifting down
 * between them, so the charts show a trend.
 */
export function breachProbability(baseRate: number, isoDate: string): number {
  let factor = 1;
  if (isoDate >= '2017-12-01') factor = 0.75;
  if (isoDate >= '2018-01-11') factor = 0.6;
  if (isoDate >= '2020-01-01') factor = 0.4;
  if (isoDate >= '2023-01-01') factor = 0.3;
  const year = Number(isoDate.slice(0, 4)) + (Number(isoDate.slice(5, 7)) - 1) / 12;
  const drift = Math.max(0.5, 1 - Math.max(0, year - 2017) * 0.04);
  return Math.min(1, baseRate * factor * drift);
}
