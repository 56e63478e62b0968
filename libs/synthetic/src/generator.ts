import { DECEMBER_2018, INCIDENT_CODES, incidentCode, type MonthProfile } from '@sra/sfpd-data';
import {
  avoidDstEdges,
  dataSfDatetime,
  dayInfo,
  dayOf,
  hourMinute,
  isoDate,
  isoMinutes,
  isoT,
  monthEnd,
  monthStart,
  weekdayName,
  type LocalMinutes,
} from './calendar';
import { CHARGES_BY_CATEGORY, DEFAULT_CHARGES, PROTECTED, REPEALED, writeBookedCharges, writeFiledCharges, type ChargeForm } from './charges';
import { csvField, csvLine } from './csv';
import type { ArrestRecord, CaseBundle, DaAction, DaDecisionRecord, ExpectedFlag, IncidentCodeRow, PersonRole, PersonRoleRecord } from './model';
import { evaluateReference } from './oracle';
import { Rng, WeightedPicker } from './rng';
import { breachProbability, CODE_POOLS, planScenario, SCENARIO_KINDS, type ActionPlan } from './scenarios';

export interface GenerateOptions {
  seed: string;
  /** Rows in incidents.csv (one per incident code of a report). */
  incidents: number;
  /** First month, `YYYY-MM`. */
  from: string;
  /** Last month, inclusive. */
  to: string;
  /** Chance that an encounter ends in the arrest or charge the policies forbid, before any policy (falls after each). */
  breachRate: number;
  /** Share of incidents that carry a planted case (a worked example of the rules). */
  plantedShare: number;
  /** Share of incidents with ordinary victims, witnesses, reporting parties and suspects. */
  personShare: number;
  /** Share of incidents that lead to an arrest unrelated to any report. */
  unrelatedArrestShare: number;
  /**
   * Issue 16: when above 0, the person files carry tolerant keys (`Person Link Keys`, `person_link_keys`; random
   * `kind:hex` values, most persons with some), and this share of planted reporters has the arrests and DA decisions
   * against them recorded under another person key that shares one or more tolerant keys with them (an approximate
   * link). At 0 (the default) the files are as before, without the column.
   */
  approximateLinkShare?: number;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  seed: '1',
  incidents: 100_000,
  from: '2017-01',
  to: '2024-12',
  breachRate: 0.5,
  plantedShare: 0.012,
  personShare: 0.03,
  unrelatedArrestShare: 0.02,
};

export const OUTPUT_FILES = ['incidents.csv', 'incident-persons.csv', 'arrests.csv', 'da-decisions.csv', 'expected-flags.csv'] as const;
export type OutputFile = (typeof OUTPUT_FILES)[number];

/** Receives each file's UTF-8 bytes in order, in chunks; returning a promise applies back-pressure. */
export interface GenerateSink {
  write(file: OutputFile, chunk: Uint8Array): void | Promise<void>;
}

export interface Manifest {
  generator: string;
  seed: string;
  parameters: Omit<GenerateOptions, 'seed'>;
  counts: Record<OutputFile, number> & { incidentNumbers: number; reports: number; persons: number };
  plantedScenarios: Record<string, { planted: number; breaches: number }>;
  expectedFlags: { byRule: Record<string, number>; byConfidence: Record<string, number> };
  source: string;
}

export class GenerateOptionsError extends Error {}

export function validateGenerateOptions(o: GenerateOptions): void {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/;
  if (!month.test(o.from)) throw new GenerateOptionsError(`--from must be a month like 2019-01 (got "${o.from}")`);
  if (!month.test(o.to)) throw new GenerateOptionsError(`--to must be a month like 2024-12 (got "${o.to}")`);
  if (o.to < o.from) throw new GenerateOptionsError(`--to (${o.to}) is before --from (${o.from})`);
  if (!Number.isInteger(o.incidents) || o.incidents < 1 || o.incidents > 100_000_000) {
    throw new GenerateOptionsError(`--incidents must be a whole number from 1 to 100000000 (got ${o.incidents})`);
  }
  for (const key of ['breachRate', 'plantedShare', 'personShare', 'unrelatedArrestShare', 'approximateLinkShare'] as const) {
    const value = o[key] ?? 0;
    if (!(value >= 0 && value <= 1)) throw new GenerateOptionsError(`${key} must be between 0 and 1 (got ${o[key]})`);
  }
  if (o.plantedShare + o.personShare + o.unrelatedArrestShare > 1) throw new GenerateOptionsError('the shares of incidents add up to more than 1');
}

const INCIDENT_HEADER = [...DECEMBER_2018.header.slice(0, 23), 'Supervisor District 2012', ...DECEMBER_2018.header.slice(23)];
const HEADERS: Record<OutputFile, string> = {
  'incidents.csv': csvLine(INCIDENT_HEADER),
  'incident-persons.csv': 'Incident Number,Incident ID,Person Key,Person Role,Role Recorded Datetime\n',
  'arrests.csv':
    'arrest_id,incident_number,person_key,arrest_datetime,arrest_date,arresting_agency,custody_type,booked_charges_statute,list_of_booked_charges,booked_case_type,cad_number\n',
  'da-decisions.csv':
    'decision_id,incident_number,person_key,da_action_taken,action_date,arrest_id,arrest_date,court_number,filing_date,list_of_filed_charges,filed_charges_statute,filed_case_type,crime_type,dv_case,case_status,disposition_date,disposition_code,disposition_description\n',
  'expected-flags.csv': 'rule_id,confidence,nexus,agency,report_incident_number,person_key,action_type,action_id,action_datetime,protected_charges,reasons,link_kinds\n',
};

/** The headers when the person files carry tolerant keys (issue 16): each with its link-key column last. */
const LINKING_HEADERS: Record<OutputFile, string> = {
  ...HEADERS,
  'incident-persons.csv': HEADERS['incident-persons.csv'].replace(/\n$/, ',Person Link Keys\n'),
  'arrests.csv': HEADERS['arrests.csv'].replace(/\n$/, ',person_link_keys\n'),
  'da-decisions.csv': HEADERS['da-decisions.csv'].replace(/\n$/, ',person_link_keys\n'),
};

const LINK_KINDS = ['slk', 'sound', 'date'] as const;

const CHUNK = 1 << 22;

/**
 * Encodes rows straight into 1 MiB byte buffers (no big string joins, little
 * garbage) and hands full buffers to the sink on flush.
 */
class Output {
  private readonly files: Record<OutputFile, { buffer: Buffer; used: number; full: Buffer[] }>;
  readonly rows = Object.fromEntries(OUTPUT_FILES.map((f) => [f, 0])) as Record<OutputFile, number>;

  constructor(
    private readonly sink: GenerateSink,
    headers: Record<OutputFile, string> = HEADERS,
  ) {
    this.files = Object.fromEntries(OUTPUT_FILES.map((f) => [f, { buffer: Buffer.allocUnsafe(CHUNK), used: 0, full: [] }])) as unknown as Output['files'];
    for (const f of OUTPUT_FILES) this.append(f, headers[f]);
  }

  add(file: OutputFile, line: string): void {
    this.append(file, line);
    this.rows[file]++;
  }

  /**
   * A row given as pieces: strings and pre-encoded bytes are copied in one by
   * one, which is much cheaper than building (and flattening) one long string.
   */
  addPieces(file: OutputFile, pieces: ReadonlyArray<string | Buffer>, maxBytes: number): void {
    const state = this.files[file];
    if (state.used + maxBytes > state.buffer.length) {
      state.full.push(state.buffer.subarray(0, state.used));
      state.buffer = Buffer.allocUnsafe(Math.max(CHUNK, maxBytes));
      state.used = 0;
    }
    const buffer = state.buffer;
    let used = state.used;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      used += typeof piece === 'string' ? buffer.write(piece, used) : piece.copy(buffer, used);
    }
    state.used = used;
    this.rows[file]++;
  }

  private append(file: OutputFile, text: string): void {
    const state = this.files[file];
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (state.used + text.length * 3 > state.buffer.length) {
      state.full.push(state.buffer.subarray(0, state.used));
      state.buffer = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
      state.used = 0;
    }
    // Buffer#write encodes in place (no view per row, unlike TextEncoder.encodeInto).
    state.used += state.buffer.write(text, state.used);
  }

  async flush(force = false): Promise<void> {
    for (const f of OUTPUT_FILES) {
      const state = this.files[f];
      if (force && state.used > 0) {
        state.full.push(state.buffer.subarray(0, state.used));
        state.buffer = Buffer.allocUnsafe(CHUNK);
        state.used = 0;
      }
      const ready = state.full;
      state.full = [];
      for (const chunk of ready) await this.sink.write(f, chunk);
    }
  }
}

interface Location {
  /** The CSV of Intersection ... point, encoded, ready to copy. */
  fragment: Buffer;
}

interface IncidentShell {
  number: string;
  online: boolean;
  /** Incident time (local minutes). */
  time: LocalMinutes;
  location: Location;
  cad: string;
  category: string;
}

interface Report {
  incident: IncidentShell;
  incidentId: string;
  reportTime: LocalMinutes;
  supplement: boolean;
  codes: string[];
}

const DA_ACTION_WEIGHTS: ReadonlyArray<readonly [DaAction, number]> = [
  ['Charged', 45],
  ['Discharged', 20],
  ['Rejected', 12],
  ['Diverted', 8],
  ['Motion to Revoke', 4],
  ['Referred for Further Investigation', 7],
  ['Referred to Other Agency', 4],
];
const DISPOSITIONS = [
  ['CONV', 'Convicted'],
  ['DISM', 'Dismissed'],
  ['ACQ', 'Acquitted'],
  ['DIVC', 'Diversion completed'],
] as const;

export interface GenerateHooks {
  /** Called after each generated day with the incident rows written so far. */
  onProgress?: (incidentRows: number, target: number) => void;
  profile?: MonthProfile;
}

export async function generate(options: GenerateOptions, sink: GenerateSink, hooks: GenerateHooks = {}): Promise<Manifest> {
  validateGenerateOptions(options);
  return new Generator(options, sink, hooks.profile ?? DECEMBER_2018, hooks.onProgress).run();
}

class Generator {
  private readonly rng: Rng;
  private readonly out: Output;
  private readonly codePicker: WeightedPicker<string>;
  private readonly rowsPerReport: WeightedPicker<number>;
  private readonly reportsPerIncident: WeightedPicker<number>;
  private readonly hourPicker: WeightedPicker<number>;
  private readonly locationPicker: WeightedPicker<Location>;
  private readonly reportTypes = new Map<string, WeightedPicker<string>>();
  private readonly resolutions = new Map<string, WeightedPicker<string>>();
  private readonly daActions = new WeightedPicker(DA_ACTION_WEIGHTS);
  private readonly codeFragments = new Map<string, Buffer>();
  private readonly unknownCodeFragment = Buffer.from(',Other,Other,Other,');
  /** Reused for every incident row: the pieces change, the array does not. */
  private readonly rowPieces: Array<string | Buffer> = new Array(8);
  private readonly categories = new Map<string, string>();
  private readonly firstDay: number;
  private readonly endDay: number;
  private readonly lastStoryDay: number;
  private readonly endMinute: LocalMinutes;
  /** Reports due on a later day (supplements, follow-up incidents), by day. */
  private readonly pending = new Map<number, Report[]>();
  private pendingRows = 0;
  private today = 0;
  private readonly numberSeq = new Map<string, number>();
  private readonly cadSeq = new Map<number, number>();
  private incidentIdSeq = 600_000;
  private personSeq = 0;
  private arrestSeq = 0;
  private decisionSeq = 0;
  private incidentNumbers = 0;
  private reports = 0;
  private readonly planted: Record<string, { planted: number; breaches: number }> = Object.fromEntries(
    SCENARIO_KINDS.map((k) => [k, { planted: 0, breaches: 0 }]),
  );
  private readonly flagsByRule: Record<string, number> = {};
  private readonly flagsByConfidence: Record<string, number> = { high: 0, medium: 0, low: 0 };
  /** Issue 16: tolerant keys are written (approximateLinkShare > 0), drawn from their own stream so the rest is as without them. */
  private readonly linking: boolean;
  private readonly linkRng: Rng;
  /** The tolerant keys (`kind:hex`) of the persons of the bundle being written; cleared after each bundle. */
  private readonly linkKeys = new Map<string, string[]>();

  constructor(
    private readonly options: GenerateOptions,
    sink: GenerateSink,
    private readonly profile: MonthProfile,
    private readonly onProgress?: (incidentRows: number, target: number) => void,
  ) {
    this.rng = new Rng(`safe-reporting-audit:${options.seed}`);
    this.linking = (options.approximateLinkShare ?? 0) > 0;
    // Its own seed, not a fork (which would draw from the main stream): without tolerant keys the record files are as before.
    this.linkRng = new Rng(`safe-reporting-audit:link-keys:${options.seed}`);
    this.out = new Output(sink, this.linking ? LINKING_HEADERS : HEADERS);
    this.codePicker = new WeightedPicker(profile.codeWeights);
    this.rowsPerReport = new WeightedPicker(profile.rowsPerReport);
    this.reportsPerIncident = new WeightedPicker(profile.reportsPerIncident);
    this.hourPicker = new WeightedPicker(profile.incidentHourWeights);
    this.locationPicker = new WeightedPicker(
      profile.locations.map(([intersection, cnn, district, neighborhood, supervisor, lat, lon, n]) => {
        const point = lat && lon ? `"(${lat}, ${lon})"` : '';
        const text = `${csvField(intersection)},${cnn},${csvField(district)},${csvField(neighborhood)},${supervisor},${supervisor},${lat},${lon},${point}\n`;
        return [{ fragment: Buffer.from(text) }, n] as const;
      }),
    );
    for (const [code, category, subcategory, description] of INCIDENT_CODES) {
      this.codeFragments.set(code, Buffer.from(`,${csvField(category)},${csvField(subcategory)},${csvField(description)},`));
      this.categories.set(code, category);
    }
    this.firstDay = monthStart(options.from);
    this.endDay = monthEnd(options.to);
    this.endMinute = this.endDay * 1440 - 1;
    // Stories (supplements, follow-up arrests) must finish inside the range.
    this.lastStoryDay = this.endDay - 25;
  }

  async run(): Promise<Manifest> {
    const { incidents: target } = this.options;
    const days = this.endDay - this.firstDay;
    const weekdayWeight = new Map(this.profile.weekdayWeights.map(([d, w]) => [d, w]));
    const weights: number[] = [];
    for (let i = 0; i < days; i++) weights.push(weekdayWeight.get(dayInfo(this.firstDay + i).weekday) ?? 1);
    const totalWeight = weights.reduce((s, w) => s + w, 0);

    let cumulative = 0;
    for (let i = 0; i < days; i++) {
      const day = this.firstDay + i;
      this.today = day;
      cumulative += weights[i];
      const dueRows = i === days - 1 ? target : Math.round((target * cumulative) / totalWeight);
      for (const report of this.pending.get(day) ?? []) {
        this.pendingRows -= report.codes.length;
        this.writeReport(report);
      }
      this.pending.delete(day);
      while (this.out.rows['incidents.csv'] < dueRows) this.backgroundIncident(day, dueRows - this.out.rows['incidents.csv']);
      await this.out.flush();
      this.onProgress?.(this.out.rows['incidents.csv'], target);
    }
    // Anything still scheduled (only possible for tiny ranges) is written now.
    for (const [, reports] of [...this.pending.entries()].sort(([a], [b]) => a - b)) for (const report of reports) this.writeReport(report);
    await this.out.flush(true);

    const { seed, ...parameters } = this.options;
    return {
      generator: 'safe-reporting-audit synthetic records v1',
      seed,
      parameters,
      counts: { ...this.out.rows, incidentNumbers: this.incidentNumbers, reports: this.reports, persons: this.personSeq },
      plantedScenarios: this.planted,
      expectedFlags: { byRule: sortKeys(this.flagsByRule), byConfidence: this.flagsByConfidence },
      source: 'Incident codes, categories, locations and rhythms from DataSF "Police Department Incident Reports: 2018 to Present" (wg3w-h783), December 2018, public domain.',
    };
  }

  // --- incidents ----------------------------------------------------------------

  private backgroundIncident(day: number, rowsLeft: number): void {
    const time = avoidDstEdges(day * 1440 + this.hourPicker.pick(this.rng) * 60 + this.rng.int(60));
    const firstCode = this.codePicker.pick(this.rng);
    const codes = [firstCode];
    const n = Math.min(this.rowsPerReport.pick(this.rng), rowsLeft);
    while (codes.length < n) {
      const extra = this.codePicker.pick(this.rng);
      if (!codes.includes(extra)) codes.push(extra);
    }
    // Stories and supplements add rows later; start one only with room left for
    // them, so the file ends with exactly the rows asked for.
    const headroom = this.options.incidents - this.out.rows['incidents.csv'] - this.pendingRows - n;
    const r = day <= this.lastStoryDay && headroom > 64 ? this.rng.next() : 1;
    const { plantedShare, personShare, unrelatedArrestShare } = this.options;
    if (r < plantedShare) {
      this.plantedCase(time);
    } else if (r < plantedShare + unrelatedArrestShare) {
      this.unrelatedArrest(time, codes);
    } else {
      const report = this.newIncident(time, codes);
      this.writeReport(report);
      if (r < 1) {
        if (r < plantedShare + unrelatedArrestShare + personShare) this.backgroundPersons(report);
        this.maybeSupplements(report);
      }
    }
  }

  private newIncident(time: LocalMinutes, codes: string[], opts: { online?: boolean; delayMinutes?: number } = {}): Report {
    const category = this.categories.get(codes[0]) ?? 'Other';
    const online = opts.online ?? this.rng.chance(this.profile.onlineShareByCategory[category] ?? 0);
    const reportTime = Math.min(this.endMinute, avoidDstEdges(time + (opts.delayMinutes ?? this.reportDelay(online))));
    const number = this.incidentNumber(time, online);
    const incident: IncidentShell = {
      number,
      online,
      time,
      location: this.locationPicker.pick(this.rng),
      cad: online ? '' : this.cadNumber(reportTime),
      category,
    };
    this.incidentNumbers++;
    return { incident, incidentId: String(this.incidentIdSeq++), reportTime, supplement: false, codes };
  }

  private reportDelay(online: boolean): number {
    const q = this.profile.reportDelayMinuteQuantiles;
    const x = this.rng.next() * (q.length - 1);
    const i = Math.floor(x);
    const delay = q[i] + (q[Math.min(i + 1, q.length - 1)] - q[i]) * (x - i);
    // Online reports come later; cap very long delays at 30 days.
    return Math.min(Math.round(online ? delay * 2 + 30 : delay), 30 * 1440);
  }

  private incidentNumber(time: LocalMinutes, online: boolean): string {
    const yy = dayInfo(dayOf(time)).yy;
    const key = online ? `${yy}6` : yy;
    const seq = (this.numberSeq.get(key) ?? (online ? 100_000 : 0)) + 1;
    this.numberSeq.set(key, seq);
    return online ? `${key}${String(seq % 1_000_000).padStart(6, '0')}` : `${yy}${String(seq % 10_000_000).padStart(7, '0')}`;
  }

  private cadNumber(time: LocalMinutes): string {
    const day = dayOf(time);
    const seq = (this.cadSeq.get(day) ?? 0) + 1;
    this.cadSeq.set(day, seq);
    // Days long past are never numbered again.
    if (this.cadSeq.size > 400) this.cadSeq.delete(day - 200);
    const info = dayInfo(day);
    return `${info.yy}${info.dayOfYearPadded}${String(seq % 10_000).padStart(4, '0')}`;
  }

  /** `Report Type Code,Report Type Description,Filed Online,` for the report. */
  private reportType(report: Report): string {
    let picker = this.reportTypes.get(report.incident.category);
    if (!picker) {
      const weights = (this.profile.reportTypeByCategory[report.incident.category] ?? [['Initial', 1]]).filter(([t]) => !/Coplogic/.test(t));
      picker = new WeightedPicker(weights.length ? weights : [['Initial', 1]]);
      this.reportTypes.set(report.incident.category, picker);
    }
    if (report.incident.online) return report.supplement ? 'IS,Coplogic Supplement,true,' : 'II,Coplogic Initial,true,';
    const vehicle = picker.pick(this.rng) === 'Vehicle Initial';
    if (vehicle) return report.supplement ? 'VS,Vehicle Supplement,,' : 'VI,Vehicle Initial,,';
    return report.supplement ? 'IS,Initial Supplement,,' : 'II,Initial,,';
  }

  /** The report's resolution, CSV-escaped. */
  private resolution(category: string, time: LocalMinutes): string {
    if (time > this.endMinute - 30 * 1440) return 'Open or Active';
    let picker = this.resolutions.get(category);
    if (!picker) {
      picker = new WeightedPicker((this.profile.resolutionByCategory[category] ?? [['Open or Active', 1]]).map(([r, n]) => [csvField(r), n] as const));
      this.resolutions.set(category, picker);
    }
    return picker.pick(this.rng);
  }

  private writeReport(report: Report): void {
    const { incident } = report;
    this.reports++;
    const reportType = this.reportType(report);
    const t = incident.time;
    const day = dayInfo(dayOf(t));
    const head = `${dataSfDatetime(t)},${day.slash},${hourMinute(t)},${day.year},${weekdayName(t)},${dataSfDatetime(report.reportTime)},`;
    const middle = `,${report.incidentId},${incident.number},${incident.cad},${reportType}`;
    const resolution = `${this.resolution(incident.category, report.reportTime)},`;
    const location = incident.location.fragment;
    const maxBytes = (head.length + middle.length + resolution.length + 40) * 3 + 400 + location.length;
    const pieces = this.rowPieces;
    pieces[0] = head;
    pieces[1] = report.incidentId;
    pieces[3] = middle;
    pieces[6] = resolution;
    pieces[7] = location;
    for (const code of report.codes) {
      // DataSF pads codes to five digits; a few rows come unpadded, as older extracts did.
      pieces[2] = code;
      pieces[4] = code[0] === '0' && this.rng.chance(0.02) ? code.replace(/^0+/, '') : code;
      pieces[5] = this.codeFragments.get(code) ?? this.unknownCodeFragment;
      this.out.addPieces('incidents.csv', pieces, maxBytes);
    }
  }

  /** Later reports (supplements) under the same incident number, with a new Incident ID. */
  private maybeSupplements(first: Report, into?: IncidentCodeRow[]): void {
    const count = this.reportsPerIncident.pick(this.rng) - 1;
    for (let i = 0; i < count; i++) {
      const reportTime = avoidDstEdges(first.reportTime + this.rng.between(30, 10 * 1440));
      if (reportTime > this.endMinute) break;
      const codes = [this.rng.chance(0.5) ? first.codes[0] : this.codePicker.pick(this.rng)];
      const supplement: Report = { incident: first.incident, incidentId: String(this.incidentIdSeq++), reportTime, supplement: true, codes };
      this.schedule(supplement);
      if (into) into.push(...rowsOf(supplement));
    }
  }

  private schedule(report: Report): void {
    const day = Math.max(dayOf(report.incident.time), dayOf(report.reportTime));
    if (day <= this.today) {
      this.writeReport(report);
      return;
    }
    this.pendingRows += report.codes.length;
    const list = this.pending.get(day);
    if (list) list.push(report);
    else this.pending.set(day, [report]);
  }


  // --- people -------------------------------------------------------------------

  private personKey(): string {
    const n = this.personSeq++;
    const x = (Math.imul(n + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
    return `SFP-${x.toString(36).padStart(7, '0')}`;
  }

  private addRole(report: Report, personKey: string, role: PersonRole, into: PersonRoleRecord[]): void {
    const recorded = this.rng.chance(0.85) ? dataSfOrIso(this.rng, report.reportTime + this.rng.int(90)) : '';
    const links = this.linkKeysOf(personKey);
    this.out.add(
      'incident-persons.csv',
      `${report.incident.number},${this.rng.chance(0.9) ? report.incidentId : ''},${personKey},${role},${recorded}${this.linking ? `,${links.join(';')}` : ''}\n`,
    );
    into.push({ incidentNumber: report.incident.number, personKey, role, ...(links.length ? { linkKeys: links } : {}) });
  }

  // --- tolerant keys (issue 16) -------------------------------------------------

  private randomHex(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) hex += this.linkRng.nextUint32().toString(16).padStart(8, '0');
    return hex;
  }

  /** A person's tolerant keys: drawn the first time (most persons have some, of random kinds); none when not linking. */
  private linkKeysOf(personKey: string): string[] {
    if (!this.linking) return [];
    let keys = this.linkKeys.get(personKey);
    if (keys === undefined) {
      keys = this.linkRng.chance(0.8) ? LINK_KINDS.filter(() => this.linkRng.chance(0.7)).map((kind) => `${kind}:${this.randomHex()}`) : [];
      this.linkKeys.set(personKey, keys);
    }
    return keys;
  }

  /**
   * The person key the actions against a planted reporter are recorded under: the reporter's own, or (a share
   * approximateLinkShare of them) a new one sharing one or more tolerant keys with the reporter, the others new.
   */
  private actionPersonFor(reporter: string): string {
    if (!this.linking || !this.linkRng.chance(this.options.approximateLinkShare ?? 0)) return reporter;
    const own = this.linkKeysOf(reporter);
    if (own.length === 0) this.linkKeys.set(reporter, [`${this.linkRng.pick(LINK_KINDS)}:${this.randomHex()}`]);
    const reporterKeys = this.linkKeysOf(reporter);
    const shared = reporterKeys.filter(() => this.linkRng.chance(0.5));
    if (shared.length === 0) shared.push(this.linkRng.pick(reporterKeys));
    const other = this.personKey();
    const fresh = reporterKeys.filter((k) => !shared.includes(k)).map((k) => `${k.slice(0, k.indexOf(':'))}:${this.randomHex()}`);
    this.linkKeys.set(other, [...shared, ...fresh]);
    return other;
  }

  private backgroundPersons(report: Report): void {
    const bundle = emptyBundle(rowsOf(report));
    const people = this.rng.between(1, 3);
    for (let i = 0; i < people; i++) {
      const key = this.personKey();
      const r = this.rng.next();
      const role: PersonRole = r < 0.45 ? 'victim' : r < 0.6 ? 'witness' : r < 0.75 ? 'reporting party' : 'suspect';
      this.addRole(report, key, role, bundle.personRoles);
      if (role === 'victim' && this.rng.chance(0.1)) this.addRole(report, key, 'reporting party', bundle.personRoles);
      if (role === 'suspect' && this.rng.chance(0.35)) {
        const charges = this.ordinaryCharges(report.incident.category);
        const arrest = this.arrest(report, key, avoidDstEdges(report.reportTime + this.rng.between(0, 600)), this.ordinaryAgency(), charges);
        bundle.arrests.push(arrest);
        this.maybeDecision(arrest, charges, bundle);
      }
    }
    this.evaluate(bundle);
  }

  private unrelatedArrest(time: LocalMinutes, codes: string[]): void {
    const enforcement = this.rng.chance(0.6);
    const report = this.newIncident(time, enforcement ? [this.rng.pick(CODE_POOLS.enforcement)] : codes, { online: false, delayMinutes: this.rng.between(0, 120) });
    this.writeReport(report);
    const bundle = emptyBundle(rowsOf(report));
    const key = this.personKey();
    if (this.rng.chance(0.6)) this.addRole(report, key, 'suspect', bundle.personRoles);
    const charges = this.ordinaryCharges(report.incident.category);
    const arrest = this.arrest(report, key, avoidDstEdges(report.reportTime + this.rng.between(0, 180)), this.ordinaryAgency(), charges);
    bundle.arrests.push(arrest);
    this.maybeDecision(arrest, charges, bundle);
    this.maybeSupplements(report, bundle.incidentRows);
    this.evaluate(bundle);
  }

  private ordinaryAgency(): string {
    const r = this.rng.next();
    return r < 0.85 ? 'SFPD' : r < 0.92 ? 'SFSO' : r < 0.96 ? 'CHP' : 'BART PD';
  }

  private ordinaryCharges(category: string): ChargeForm[] {
    const pool = CHARGES_BY_CATEGORY[category] ?? DEFAULT_CHARGES;
    let first = this.rng.pick(pool);
    // Since SB 357 (2023) loitering arrests should not happen; some still do, and are flagged.
    if (first === PROTECTED.loitering && this.rng.chance(0.2)) first = REPEALED.loitering2022;
    const charges = [first];
    if (this.rng.chance(0.25)) {
      const extra = this.rng.pick(DEFAULT_CHARGES);
      if (extra !== first) charges.push(extra);
    }
    return charges;
  }

  // --- planted cases ------------------------------------------------------------

  private plantedCase(time: LocalMinutes): void {
    const plan = planScenario(this.rng);
    const report = this.newIncident(time, plan.reportCodes);
    this.writeReport(report);
    const bundle = emptyBundle(rowsOf(report));
    const person = this.personKey();
    for (const role of plan.roles) this.addRole(report, person, role, bundle.personRoles);
    if (this.rng.chance(0.6)) this.addRole(report, this.personKey(), 'suspect', bundle.personRoles);
    const actionPerson = this.actionPersonFor(person);
    this.maybeSupplements(report, bundle.incidentRows);

    if (plan.secondReportHoursBefore) {
      const earlierTime = avoidDstEdges(time - plan.secondReportHoursBefore * 60);
      const earlier = this.newIncident(earlierTime, [this.rng.pick(CODE_POOLS.violent)], { delayMinutes: this.rng.between(5, 90) });
      this.writeReport(earlier);
      bundle.incidentRows.push(...rowsOf(earlier));
      this.addRole(earlier, person, 'victim', bundle.personRoles);
    }

    const stats = this.planted[plan.kind];
    stats.planted++;
    const breaches = plan.breach && this.rng.chance(breachProbability(this.options.breachRate, isoDate(report.reportTime)));
    if (breaches) stats.breaches++;
    if (!plan.breach || breaches) {
      for (const action of plan.actions) this.plantedAction(action, report, actionPerson, bundle);
    }
    this.evaluate(bundle);
  }

  private plantedAction(action: ActionPlan, report: Report, person: string, bundle: CaseBundle): void {
    const at = avoidDstEdges(report.reportTime + action.offsetMinutes);
    let where = report;
    if (action.incident === 'new') {
      where = this.newIncident(avoidDstEdges(at - this.rng.between(0, 30)), [this.rng.pick(CODE_POOLS.enforcement)], { online: false, delayMinutes: this.rng.between(0, 60) });
      this.schedule(where);
      bundle.incidentRows.push(...rowsOf(where));
      if (this.rng.chance(0.7)) this.addRole(where, person, 'suspect', bundle.personRoles);
    }
    if (action.daOnly) {
      if (action.da) bundle.decisions.push(this.decision(where.incident.number, person, null, isoDate(at), action.da.action, action.da.charges ?? action.charges));
      return;
    }
    const arrest = this.arrest(where, person, at, action.agency, action.charges, action.custody, action.dateOnly);
    bundle.arrests.push(arrest);
    if (action.da) bundle.decisions.push(this.decision(where.incident.number, person, arrest, isoDate(at), action.da.action, action.da.charges ?? action.charges));
  }

  // --- enforcement records ------------------------------------------------------

  private arrest(
    where: Report,
    personKey: string,
    at: LocalMinutes,
    agency: string,
    charges: readonly ChargeForm[],
    custody: 'booked' | 'cited' = this.rng.chance(0.65) ? 'booked' : 'cited',
    dateOnly = this.rng.chance(0.08),
  ): ArrestRecord {
    const arrestId = `A${String(++this.arrestSeq).padStart(9, '0')}`;
    const written = writeBookedCharges(charges, this.rng);
    const datetime = dateOnly ? '' : dataSfOrIso(this.rng, at);
    const date = dateOnly ? isoDate(at) : this.rng.chance(0.3) ? isoDate(at) : '';
    const caseType = this.rng.chance(0.1) ? '' : charges.some((c) => c.level === 'F') ? 'Felony' : charges.every((c) => c.level === 'I') ? 'Infraction' : 'Misdemeanor';
    const cad = where.incident.cad && this.rng.chance(0.7) ? where.incident.cad : '';
    const links = this.linkKeysOf(personKey);
    this.out.add(
      'arrests.csv',
      `${arrestId},${where.incident.number},${personKey},${datetime},${date},${csvField(agency)},${custody},${csvField(written.statute)},${csvField(written.tokens)},${caseType},${cad}${this.linking ? `,${links.join(';')}` : ''}\n`,
    );
    return {
      arrestId,
      incidentNumber: where.incident.number,
      personKey,
      arrestDatetime: dateOnly ? null : isoMinutes(at),
      arrestDate: dateOnly ? isoDate(at) : null,
      agency,
      custodyType: custody,
      bookedChargesStatute: written.statute || null,
      listOfBookedCharges: written.tokens || null,
      ...(links.length ? { linkKeys: links } : {}),
    };
  }

  private maybeDecision(arrest: ArrestRecord, charges: readonly ChargeForm[], bundle: CaseBundle): void {
    if (!this.rng.chance(0.65)) return;
    const arrestDay = (arrest.arrestDatetime ?? arrest.arrestDate ?? '').slice(0, 10);
    bundle.decisions.push(this.decision(arrest.incidentNumber, arrest.personKey, arrest, arrestDay, this.daActions.pick(this.rng), charges));
  }

  private decision(
    incidentNumber: string,
    personKey: string,
    arrest: ArrestRecord | null,
    arrestDay: string,
    action: DaAction,
    charges: readonly ChargeForm[],
  ): DaDecisionRecord {
    const decisionId = `D${String(++this.decisionSeq).padStart(9, '0')}`;
    const actionDate = addDays(arrestDay, this.rng.between(0, 2));
    const charged = action === 'Charged';
    const filed = charged ? writeFiledCharges(charges, this.rng) : { list: '', statute: '' };
    const felony = charges.some((c) => c.daLevel === 'F');
    const closed = charged ? this.rng.chance(0.6) : true;
    const disposition = charged && closed ? this.rng.pick(DISPOSITIONS) : null;
    const fields = [
      decisionId,
      incidentNumber,
      personKey,
      action,
      actionDate,
      arrest?.arrestId ?? '',
      this.rng.chance(0.85) ? arrestDay : '',
      charged ? `${arrestDay.slice(2, 4)}${String(this.decisionSeq % 1_000_000).padStart(6, '0')}` : '',
      charged ? actionDate : '',
      filed.list,
      filed.statute,
      charged ? (felony ? 'Felony' : 'Misdemeanor') : '',
      crimeType(charges),
      this.rng.chance(0.05) ? 'Y' : 'N',
      closed ? 'Closed' : 'Open',
      disposition ? addDays(actionDate, this.rng.between(20, 240)) : '',
      disposition ? disposition[0] : '',
      disposition ? disposition[1] : '',
    ];
    const links = this.linkKeysOf(personKey);
    this.out.add('da-decisions.csv', csvLine(this.linking ? [...fields, links.join(';')] : fields));
    return {
      decisionId,
      incidentNumber,
      personKey,
      actionTaken: action,
      actionDate,
      arrestId: arrest?.arrestId ?? null,
      arrestDate: fields[6] || null,
      listOfFiledCharges: filed.list || null,
      filedChargesStatute: filed.statute || null,
      ...(links.length ? { linkKeys: links } : {}),
    };
  }

  // --- the answer key -----------------------------------------------------------

  private evaluate(bundle: CaseBundle): void {
    // A bundle's persons are its own: their tolerant keys are not needed again.
    this.linkKeys.clear();
    if (bundle.arrests.length === 0 && bundle.decisions.length === 0) return;
    for (const flag of evaluateReference(bundle)) {
      this.out.add('expected-flags.csv', flagLine(flag));
      this.flagsByRule[flag.ruleId] = (this.flagsByRule[flag.ruleId] ?? 0) + 1;
      this.flagsByConfidence[flag.confidence]++;
    }
  }
}

function emptyBundle(incidentRows: IncidentCodeRow[]): CaseBundle {
  return { incidentRows, personRoles: [], arrests: [], decisions: [] };
}

function rowsOf(report: Report): IncidentCodeRow[] {
  return report.codes.map((code) => {
    const entry = incidentCode(code);
    return {
      incidentNumber: report.incident.number,
      incidentId: report.incidentId,
      incidentCode: code,
      category: entry?.[1] ?? 'Other',
      subcategory: entry?.[2] ?? 'Other',
      incidentDatetime: isoMinutes(report.incident.time),
      reportDatetime: isoMinutes(report.reportTime),
    };
  });
}

/** Both datetime styles the import accepts, as different agencies write them. */
function dataSfOrIso(rng: Rng, t: LocalMinutes): string {
  const r = rng.next();
  return r < 0.6 ? isoT(t) : r < 0.85 ? isoMinutes(t) : dataSfDatetime(t);
}

function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function crimeType(charges: readonly ChargeForm[]): string {
  const first = charges[0]?.token ?? '';
  if (/^(647|653|266|372)/.test(first)) return 'Sex Crimes';
  if (/^11\d{3}/.test(first)) return 'Drug';
  if (/^(211|245|242|243)/.test(first)) return 'Violent';
  if (/^(459|484|487|496|594|10851)/.test(first)) return 'Property';
  return 'Other';
}

function flagLine(f: ExpectedFlag): string {
  return csvLine([
    f.ruleId,
    f.confidence,
    f.nexus,
    f.agency,
    f.reportIncidentNumber ?? '',
    f.personKey,
    f.actionType,
    f.actionId,
    f.actionDatetime,
    f.protectedCharges.join(';'),
    f.reasons.join(';'),
    (f.linkKinds ?? []).join(';'),
  ]);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
