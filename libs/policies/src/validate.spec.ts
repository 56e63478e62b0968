import { DEFAULT_POLICIES } from './defaults';
import type { RuleId } from './model';
import { dateProblem, validatePolicy } from './validate';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh, editable copy of a default policy. */
function copy(ruleId: RuleId): Doc {
  return JSON.parse(JSON.stringify(DEFAULT_POLICIES.find((p) => p.ruleId === ruleId)));
}

function paths(doc: unknown): string[] {
  return validatePolicy(doc).map((i) => i.path);
}

function only(doc: unknown): { path: string; message: string } {
  const issues = validatePolicy(doc);
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('validatePolicy', () => {
  it('accepts the four default policies', () => {
    for (const p of DEFAULT_POLICIES) expect(validatePolicy(p)).toEqual([]);
  });

  it('accepts a JSON round trip, optional source fields left out, and unpadded incident codes', () => {
    const doc = copy('ca-pc-647.3');
    doc.sources = [{ title: 'PC 647.3' }];
    doc.qualification.codes = ['4144', '15040', '19057'];
    expect(validatePolicy(doc)).toEqual([]);
  });

  it('refuses something that is not a document', () => {
    for (const value of [null, 'policy', 3, []]) {
      expect(only(value).path).toBe('');
      expect(only(value).message).toMatch(/A policy document must be written \{ \.\.\. \}/);
    }
  });

  describe('fields', () => {
    it('refuses unknown fields, at every level', () => {
      const doc = copy('sfpd-psw-2017');
      doc.effectiveTo = '2030-01-01';
      doc.qualification.code = ['03074'];
      doc.audits.arrests.agency = 'SFPD';
      doc.sources[0].link = 'https://example.org';
      expect(paths(doc)).toEqual(['effectiveTo', 'audits.arrests.agency', 'qualification.code', 'sources[0].link']);
      expect(validatePolicy(doc)[0].message).toBe(
        '"effectiveTo" is not a field of a policy document. Remove it, or check its spelling (the fields are: ruleId, version, effectiveFrom, title, instrument, sentenceBars, audits, needsReport, qualification, protectedCharges, repealedCodes, nexus, sources, changeReason).',
      );
    });

    it('reports missing fields', () => {
      const doc = copy('sfpd-psw-2017');
      delete doc.version;
      delete doc.nexus;
      delete doc.qualification.excludedCodes;
      expect(validatePolicy(doc)).toEqual([
        { path: 'version', message: 'Missing: the version number (1 for the first version).' },
        { path: 'qualification.excludedCodes', message: 'Missing: SFPD incident codes that never qualify (write [] for none).' },
        { path: 'nexus', message: 'Missing: the nexus window (hours before the incident, hours after the report) (null when the rule does not use it).' },
      ]);
    });

    it('refuses an unknown rule id', () => {
      const doc = copy('sfpd-psw-2017');
      doc.ruleId = 'sfpd-2017';
      expect(only(doc)).toEqual({
        path: 'ruleId',
        message: '"sfpd-2017" is not a rule id. Use one of: sfpd-psw-2017, sfda-psw-2018, ca-pc-647.3, ca-sb357-repeal.',
      });
    });

    it.each([0, -1, 1.5, '2', null])('refuses version %j', (version) => {
      const doc = copy('sfpd-psw-2017');
      doc.version = version;
      doc.changeReason = 'x';
      expect(only(doc).path).toBe('version');
      expect(only(doc).message).toMatch(/^The version must be a whole number, 1 or more; got /);
    });

    it.each([
      ['2024-02-30', '"2024-02-30" is not a real date: February 2024 has 29 days.'],
      ['2023-02-29', '"2023-02-29" is not a real date: February 2023 has 28 days.'],
      ['2024-13-01', '"2024-13-01" is not a real date: there is no month 13.'],
      ['2024-3-9', '"2024-3-9" is not a date written YYYY-MM-DD (e.g. 2024-03-09).'],
      ['03/09/2024', '"03/09/2024" is not a date written YYYY-MM-DD (e.g. 2024-03-09).'],
      ['2024-03-09 00:00', '"2024-03-09 00:00" is not a date written YYYY-MM-DD (e.g. 2024-03-09).'],
    ])('refuses effectiveFrom %s', (date, message) => {
      const doc = copy('sfpd-psw-2017');
      doc.effectiveFrom = date;
      expect(only(doc)).toEqual({ path: 'effectiveFrom', message });
    });

    it('refuses empty text', () => {
      const doc = copy('sfpd-psw-2017');
      doc.title = '  ';
      doc.sentenceBars = 7;
      expect(paths(doc)).toEqual(['title', 'sentenceBars']);
    });
  });

  describe('incident codes and labels', () => {
    it.each([
      ['3074a', '"3074a" is not an SFPD incident code. A code is 1 to 5 digits, written as text, e.g. "03074".'],
      ['123456', '"123456" is not an SFPD incident code. A code is 1 to 5 digits, written as text, e.g. "03074".'],
      [4144, '4144 is not an SFPD incident code. A code is 1 to 5 digits, written as text, e.g. "03074".'],
      ['04080-04084', '"04080-04084" is a range: list each SFPD incident code on its own (e.g. "04080", "04081", ...).'],
    ])('refuses code %j', (code, message) => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.codes = ['04144', code];
      expect(only(doc)).toEqual({ path: 'qualification.codes[1]', message });
    });

    it('refuses a code listed twice, padded or not', () => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.excludedCodes = ['04073', '4073'];
      expect(only(doc)).toEqual({ path: 'qualification.excludedCodes[1]', message: '"4073" is listed twice (also at qualification.excludedCodes[0]). Remove one.' });
    });

    it('refuses a label listed twice in another case', () => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.categories = ['Robbery', ' robbery'];
      expect(only(doc).path).toBe('qualification.categories[1]');
    });

    it('refuses a code that is both qualifying and excluded', () => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.codes = ['04144', '4073'];
      expect(only(doc)).toEqual({
        path: 'qualification.codes',
        message: '"04073" is both a qualifying code and an excluded code. An excluded code never qualifies: remove it from one of the two lists.',
      });
    });

    it('refuses an empty label', () => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.categoryPrefixes = [''];
      expect(only(doc)).toEqual({ path: 'qualification.categoryPrefixes[0]', message: 'Each category prefix must be non-empty text; got "".' });
    });

    it('refuses a list that lets no report qualify', () => {
      const doc = copy('sfpd-psw-2017');
      Object.assign(doc.qualification, { categories: [], categoryPrefixes: [], subcategories: [], codes: [] });
      expect(only(doc)).toEqual({ path: 'qualification', message: 'No report could qualify: list at least one category, category prefix, subcategory or code.' });
    });

    it('refuses something that is not a list', () => {
      const doc = copy('sfpd-psw-2017');
      doc.qualification.subcategories = 'Kidnapping';
      expect(only(doc)).toEqual({
        path: 'qualification.subcategories',
        message: 'This must be a list, written [ ... ] (SFPD incident subcategories that qualify); got "Kidnapping".',
      });
    });
  });

  describe('statute codes', () => {
    it.each([
      ['647(b)', 'a rule code must name its code book'],
      ['PC 647(b)/M', 'a rule code does not name a level'],
      ['HS 11999-11000', 'ends before it starts'],
      ['FOO 647', 'not a recognised code book'],
      ['', 'empty rule code'],
    ])('refuses %j', (code, reason) => {
      const doc = copy('sfpd-psw-2017');
      doc.protectedCharges.codes = ['PC 647(a)', code];
      const issue = only(doc);
      expect(issue.path).toBe('protectedCharges.codes[1]');
      expect(issue.message).toContain(reason);
      expect(issue.message).toMatch(/Write it like "PC 647\(b\)", "PC 653.22" or "HS 11000-11999"\.$/);
    });

    it('accepts a code book written after the section', () => {
      const doc = copy('sfpd-psw-2017');
      doc.protectedCharges.codes = ['647(a) PC', '647(b) PC', '653.22 PC'];
      expect(validatePolicy(doc)).toEqual([]);
    });

    it('checks every list of codes, and the misdemeanor range', () => {
      const doc = copy('ca-pc-647.3');
      doc.protectedCharges.contextUnknownCodes = ['372'];
      doc.protectedCharges.drugMisdemeanorRange = 'HS 11000 to 11999';
      doc.protectedCharges.drugNoLevelSections = ['HS 11350', 11357];
      expect(paths(doc)).toEqual(['protectedCharges.contextUnknownCodes[0]', 'protectedCharges.drugMisdemeanorRange', 'protectedCharges.drugNoLevelSections[1]']);
    });

    it('accepts no misdemeanor range (null)', () => {
      const doc = copy('ca-pc-647.3');
      doc.protectedCharges.drugMisdemeanorRange = null;
      expect(validatePolicy(doc)).toEqual([]);
    });

    it('refuses the same code written two ways', () => {
      const doc = copy('sfpd-psw-2017');
      doc.protectedCharges.codes = ['PC 647(b)', 'Pen. Code § 647, subd. (b)'];
      expect(only(doc).message).toBe('"Pen. Code § 647, subd. (b)" is listed twice (also at protectedCharges.codes[0]). Remove one.');
    });

    it('refuses a list that protects nothing', () => {
      const doc = copy('sfpd-psw-2017');
      Object.assign(doc.protectedCharges, { codes: [], contextUnknownCodes: [], drugMisdemeanorRange: null, drugNoLevelSections: [] });
      expect(only(doc)).toEqual({ path: 'protectedCharges', message: 'No charge would be protected: list at least one statute code.' });
    });

    it('checks the repealed codes', () => {
      const doc = copy('ca-sb357-repeal');
      doc.repealedCodes.codes = [];
      expect(only(doc)).toEqual({ path: 'repealedCodes.codes', message: 'List at least one repealed statute code, e.g. "PC 653.22".' });
      doc.repealedCodes.codes = ['653.22'];
      expect(only(doc).path).toBe('repealedCodes.codes[0]');
    });
  });

  describe('provenance', () => {
    it('refuses an unknown provenance', () => {
      const doc = copy('sfpd-psw-2017');
      doc.protectedCharges.provenance = 'official';
      expect(only(doc)).toEqual({
        path: 'protectedCharges.provenance',
        message:
          '"official" is not a provenance. Use "verified" (checked against the instrument\'s text), "secondary" (from a reliable second-hand account) or "inferred" (our reading, to be checked).',
      });
    });
    it('requires one on every list', () => {
      const doc = copy('ca-sb357-repeal');
      delete doc.repealedCodes.provenance;
      expect(only(doc).path).toBe('repealedCodes.provenance');
    });
  });

  describe('nexus window', () => {
    it.each([-1, '24', null, Number.POSITIVE_INFINITY])('refuses %j hours', (hours) => {
      const doc = copy('sfpd-psw-2017');
      doc.nexus.hoursBeforeIncident = hours;
      expect(only(doc).path).toBe('nexus.hoursBeforeIncident');
      expect(only(doc).message).toMatch(/^This must be a number of hours, 0 or more/);
    });
    it('accepts zero and fractional hours', () => {
      const doc = copy('sfpd-psw-2017');
      doc.nexus = { hoursBeforeIncident: 0, hoursAfterReport: 36.5 };
      expect(validatePolicy(doc)).toEqual([]);
    });
  });

  describe('what a rule needs', () => {
    it('a rule that needs a report needs a qualification, protected charges and a nexus window', () => {
      const doc = copy('sfda-psw-2018');
      doc.qualification = null;
      doc.protectedCharges = null;
      doc.nexus = null;
      expect(validatePolicy(doc)).toEqual([
        { path: 'qualification', message: 'This rule needs the list of qualifying reports: fill it in.' },
        { path: 'protectedCharges', message: 'This rule needs the list of protected charges: fill it in.' },
        { path: 'nexus', message: 'This rule needs the nexus window (hours before the incident, hours after the report): fill it in.' },
      ]);
    });

    it('a rule that needs a report has no repealed sections', () => {
      const doc = copy('sfda-psw-2018');
      doc.repealedCodes = { codes: ['PC 653.22'], provenance: 'secondary' };
      expect(only(doc)).toEqual({ path: 'repealedCodes', message: 'This rule does not use the list of repealed sections: set it to null.' });
    });

    it('the repeal rule needs repealed sections and nothing about reports', () => {
      const doc = copy('ca-sb357-repeal');
      doc.repealedCodes = null;
      doc.nexus = { hoursBeforeIncident: 24, hoursAfterReport: 72 };
      expect(validatePolicy(doc)).toEqual([
        { path: 'repealedCodes', message: 'This rule needs the list of repealed sections: fill it in.' },
        { path: 'nexus', message: 'This rule does not use the nexus window (hours before the incident, hours after the report): set it to null.' },
      ]);
    });

    it('needsReport must fit the rule', () => {
      const repeal = copy('ca-sb357-repeal');
      repeal.needsReport = true;
      expect(paths(repeal)).toContain('needsReport');
      expect(validatePolicy(repeal)[0]).toEqual({ path: 'needsReport', message: 'The rule ca-sb357-repeal applies whoever the person is: set needsReport to false.' });
      const sfpd = copy('sfpd-psw-2017');
      sfpd.needsReport = false;
      expect(validatePolicy(sfpd)[0]).toEqual({ path: 'needsReport', message: 'The rule sfpd-psw-2017 protects people who reported a crime: set needsReport to true.' });
    });

    it('a rule must audit some action', () => {
      const doc = copy('sfpd-psw-2017');
      doc.audits = { arrests: null, daCharges: false };
      expect(only(doc)).toEqual({ path: 'audits', message: 'This rule audits no action: give the agencies whose arrests it audits, or set daCharges to true.' });
    });

    it('agencies: a non-empty list or "any"', () => {
      const doc = copy('sfpd-psw-2017');
      doc.audits.arrests.agencies = [];
      expect(only(doc).path).toBe('audits.arrests.agencies');
      doc.audits.arrests.agencies = 'SFPD';
      expect(only(doc).path).toBe('audits.arrests.agencies');
      doc.audits.arrests.agencies = ['SFPD', 'sfpd'];
      expect(only(doc).path).toBe('audits.arrests.agencies[1]');
      doc.audits.arrests.agencies = 'any';
      expect(validatePolicy(doc)).toEqual([]);
    });
  });

  describe('sources and change reason', () => {
    it('needs at least one source, each with a title; a url must be a web address', () => {
      const doc = copy('sfpd-psw-2017');
      doc.sources = [];
      expect(only(doc)).toEqual({ path: 'sources', message: 'Name at least one source for the rule (the instrument, or where its lists come from).' });
      doc.sources = [{ title: '', url: 'leginfo.legislature.ca.gov', note: 3 }];
      expect(paths(doc)).toEqual(['sources[0].title', 'sources[0].url', 'sources[0].note']);
    });

    it('a version after the first needs a change reason', () => {
      const doc = copy('sfpd-psw-2017');
      doc.version = 2;
      doc.effectiveFrom = '2025-01-01';
      expect(only(doc)).toEqual({ path: 'changeReason', message: 'Say why this version was made: every version after the first needs a change reason.' });
      doc.changeReason = 'Added 19057 (terrorist threats) after the task force meeting of 2024-12-10.';
      expect(validatePolicy(doc)).toEqual([]);
    });
  });

  it('reports every problem at once', () => {
    const doc = copy('ca-pc-647.3');
    doc.version = 3;
    doc.effectiveFrom = '2025-02-29';
    doc.qualification.codes.push('19O57');
    doc.protectedCharges.codes.push('647(c)');
    expect(paths(doc)).toEqual(['effectiveFrom', 'qualification.codes[3]', 'protectedCharges.codes[3]', 'changeReason']);
  });
});

describe('dateProblem', () => {
  it('accepts real dates, leap days included', () => {
    expect(dateProblem('2024-02-29')).toBeNull();
    expect(dateProblem('2000-02-29')).toBeNull();
    expect(dateProblem('2023-12-31')).toBeNull();
  });
  it('refuses 1900-02-29 (1900 was not a leap year)', () => {
    expect(dateProblem('1900-02-29')).toBe('"1900-02-29" is not a real date: February 1900 has 28 days.');
  });
  it('refuses day 00', () => {
    expect(dateProblem('2024-03-00')).toBe('"2024-03-00" is not a real date: March 2024 has 31 days.');
  });
});
