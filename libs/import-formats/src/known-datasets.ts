/**
 * Files people find in the wild, recognised by their header (issue 15): public datasets that are not one of the four
 * kinds (refused with a message naming the dataset, why it cannot be audited and what to download instead), the
 * layouts of the kinds' own sources (for saying what a header-less file's first line resembles), and the shape of a
 * first line that is data rather than a header. Pure functions over the header's cells; the table is data.
 */
import { normaliseColumnName, type ImportKind } from './kinds';

/** What one value looks like, for telling a row of data from a header. */
export type ValueShape = 'datetime' | 'date' | 'time' | 'number' | 'weekday' | 'point' | 'empty' | 'text';

const DATE_ISO = /^\d{4}[-/]\d{2}[-/]\d{2}$/;
const DATE_US = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const DATETIME_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;
const DATETIME_DATASF = /^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}(:\d{2})? ?[AP]M$/i;
const DATETIME_US = /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?$/i;
const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const POINT = /^(POINT ?\(\s*-?\d+(\.\d+)?\s+-?\d+(\.\d+)?\s*\)|\(\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*\))$/i;

export function valueShape(value: string): ValueShape {
  const v = value.trim();
  if (v === '') return 'empty';
  if (DATETIME_ISO.test(v) || DATETIME_DATASF.test(v) || DATETIME_US.test(v)) return 'datetime';
  if (DATE_ISO.test(v) || DATE_US.test(v)) return 'date';
  if (TIME.test(v)) return 'time';
  if (NUMBER.test(v)) return 'number';
  if (WEEKDAY.test(v)) return 'weekday';
  if (POINT.test(v)) return 'point';
  return 'text';
}

/** Shapes no column name has: a cell of one of them is a value. (A weekday alone could be a name; two values make data.) */
const VALUE_SHAPES: ReadonlySet<ValueShape> = new Set(['datetime', 'date', 'time', 'number', 'point']);

/**
 * Whether a first line is data, not a header: a date, a time or a point among its cells, or two or more numbers.
 * No column name of the four kinds or of a DataSF export is any of these.
 */
export function looksLikeData(cells: readonly string[]): boolean {
  const shapes = cells.map(valueShape);
  if (shapes.some((s) => s === 'datetime' || s === 'date' || s === 'time' || s === 'point')) return true;
  return shapes.filter((s) => VALUE_SHAPES.has(s)).length >= 2;
}

/** A public dataset recognised by its header. */
export interface KnownDataset {
  id: string;
  /** The dataset's title as its publisher writes it, and where it is published. */
  title: string;
  publisher: string;
  /** Its columns as published, in their order. */
  header: string[];
  /** The shape of each column's values (same order as `header`), for recognising its rows when the header is gone. */
  shapes: ValueShape[];
  /** Columns no other file has: at least one must be present for the header to be this dataset's. */
  distinctive: string[];
  /** A kind that loads it as it is, or why it cannot be loaded and what to load instead. */
  outcome: { kind: ImportKind } | { refused: string };
}

const DATASF_2018_TO_PRESENT = 'DataSF\'s "Police Department Incident Reports: 2018 to Present" (dataset wg3w-h783, https://data.sfgov.org/d/wg3w-h783)';

const INCIDENT_SHAPES_DOWNLOAD: ValueShape[] = [
  'datetime', 'date', 'time', 'number', 'weekday', 'datetime', 'number', 'number', 'number', 'number', 'text', 'text', 'text', 'number', 'text',
  'text', 'text', 'text', 'text', 'number', 'text', 'text', 'number', 'number', 'number', 'point',
];

export const KNOWN_DATASETS: readonly KnownDataset[] = [
  {
    id: 'datasf-historical-2003-2018',
    title: 'Police Department Incident Reports: Historical 2003 to May 2018',
    publisher: 'DataSF, dataset tmnf-yvry',
    header: ['IncidntNum', 'Category', 'Descript', 'DayOfWeek', 'Date', 'Time', 'PdDistrict', 'Resolution', 'Address', 'X', 'Y', 'Location', 'PdId'],
    shapes: ['number', 'text', 'text', 'weekday', 'date', 'time', 'text', 'text', 'text', 'number', 'number', 'point', 'number'],
    distinctive: ['IncidntNum', 'Descript', 'PdDistrict', 'PdId'],
    outcome: {
      refused:
        'This is DataSF\'s "Police Department Incident Reports: Historical 2003 to May 2018" (dataset tmnf-yvry), which cannot be audited: ' +
        'it has no report time (only the date and time of the incident), so how long reporting took cannot be measured, and no row key ' +
        '(no Row ID or Incident ID), so a reload or a correction cannot be matched to what was loaded. ' +
        `Download ${DATASF_2018_TO_PRESENT} instead: it covers January 2018 onward, with report times and Row IDs.`,
    },
  },
  {
    id: 'datasf-incidents-download',
    title: 'Police Department Incident Reports: 2018 to Present (CSV download)',
    publisher: 'DataSF, dataset wg3w-h783',
    header: [
      'Incident Datetime', 'Incident Date', 'Incident Time', 'Incident Year', 'Incident Day of Week', 'Report Datetime', 'Row ID', 'Incident ID',
      'Incident Number', 'CAD Number', 'Report Type Code', 'Report Type Description', 'Filed Online', 'Incident Code', 'Incident Category',
      'Incident Subcategory', 'Incident Description', 'Resolution', 'Intersection', 'CNN', 'Police District', 'Analysis Neighborhood',
      'Supervisor District', 'Latitude', 'Longitude', 'point',
    ],
    shapes: INCIDENT_SHAPES_DOWNLOAD,
    distinctive: ['Row ID', 'Incident ID'],
    outcome: { kind: 'incidents' },
  },
  {
    id: 'datasf-incidents-api',
    title: 'Police Department Incident Reports: 2018 to Present (Socrata API CSV)',
    publisher: 'DataSF, dataset wg3w-h783',
    header: [
      'incident_datetime', 'incident_date', 'incident_time', 'incident_year', 'incident_day_of_week', 'report_datetime', 'row_id', 'incident_id',
      'incident_number', 'cad_number', 'report_type_code', 'report_type_description', 'filed_online', 'incident_code', 'incident_category',
      'incident_subcategory', 'incident_description', 'resolution', 'intersection', 'cnn', 'police_district', 'analysis_neighborhood',
      'supervisor_district', 'supervisor_district_2012', 'latitude', 'longitude', 'point',
    ],
    shapes: [...INCIDENT_SHAPES_DOWNLOAD.slice(0, 22), 'number', 'number', 'number', 'number', 'point'],
    distinctive: ['row_id', 'incident_id'],
    outcome: { kind: 'incidents' },
  },
];

/**
 * The known dataset a header is, when it is one of those refused: at least one distinctive column, and most (60%)
 * of the dataset's columns. A re-saved subset of the historical file is still the historical file.
 */
export function recogniseDataset(header: readonly string[]): KnownDataset | null {
  const names = new Set(header.map(normaliseColumnName));
  for (const dataset of KNOWN_DATASETS) {
    if (!('refused' in dataset.outcome)) continue;
    const shared = dataset.header.filter((c) => names.has(normaliseColumnName(c))).length;
    if (dataset.distinctive.some((c) => names.has(normaliseColumnName(c))) && shared >= 0.6 * dataset.header.length) return dataset;
  }
  return null;
}

/**
 * The known dataset whose rows a first line of data looks like: the same number of fields, and (of the fields that
 * are not empty) at least 80% of the shape that dataset's column has there.
 */
export function datasetOfRow(cells: readonly string[]): KnownDataset | null {
  let best: KnownDataset | null = null;
  let bestShare = 0;
  for (const dataset of KNOWN_DATASETS) {
    if (dataset.header.length !== cells.length) continue;
    let filled = 0;
    let matching = 0;
    cells.forEach((cell, i) => {
      const shape = valueShape(cell);
      if (shape === 'empty') return;
      filled++;
      // A number is also text (a district named by its digits): text columns accept any value.
      if (shape === dataset.shapes[i] || dataset.shapes[i] === 'text') matching++;
    });
    const share = filled === 0 ? 0 : matching / filled;
    if (share >= 0.8 && share > bestShare) [best, bestShare] = [dataset, share];
  }
  return best;
}
