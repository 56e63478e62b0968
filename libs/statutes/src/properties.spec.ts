import fc from 'fast-check';
import type { ChargeLevel, ChargeParseResult, CodeBook, ParsedCharge } from './types';
import { CODE_BOOKS } from './types';
import { codeBookSpellings } from './code-books';
import { formatCharge } from './format';
import { inferCodeBook, parseCharge, parseChargeList } from './parse';

/** A charge as the generator means it, and one way of writing it. */
interface Written {
  text: string;
  expected: Omit<ParsedCharge, 'raw'>;
}

type Structure = Omit<ParsedCharge, 'raw'>;

/** The parse result without the raw text (failures: the error, whose quoted input may differ in case). */
function structure(r: ChargeParseResult): Structure | string {
  if (!r.ok) return `failure: ${r.failure.error.toLowerCase()}`;
  const { raw: _raw, ...rest } = r.charge;
  return rest;
}

/** The structure of a result that must be a charge. */
function charge(r: ChargeParseResult): Structure {
  if (!r.ok) throw new Error(`expected a charge, got: ${r.failure.error}`);
  const { raw: _raw, ...rest } = r.charge;
  return rest;
}

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
const digits = fc.integer({ min: 0, max: 99 }).map(String);
const level = fc.option(fc.constantFrom<ChargeLevel>('F', 'M', 'I'), { nil: null });
const integerPart = fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 11_000, max: 11_999 }));
const section = fc
  .tuple(integerPart, fc.option(fc.integer({ min: 0, max: 999 }).map(String), { nil: null }))
  .map(([whole, decimal]) => (decimal === null ? String(whole) : `${whole}.${decimal}`));
/** Subdivisions as written in parentheses: letters (up to 4, e.g. `ii`, `aa`) or numbers. */
const parenSubdivisions = fc.array(fc.oneof(letter, fc.stringMatching(/^[a-z]{1,4}$/), digits), { maxLength: 4 });
/** Subdivisions as DA tokens glue them: a letter, then a number, alternately (`245A1`, `243E1`, `653.22A`). */
const gluedSubdivisions = fc
  .array(fc.tuple(letter, fc.option(digits, { nil: null })), { maxLength: 3 })
  .map((pairs) => {
    const out: string[] = [];
    for (const [l, d] of pairs) {
      out.push(l);
      if (d === null) break;
      out.push(d);
    }
    return out;
  });
const codeBook = fc.constantFrom(...CODE_BOOKS);
const spelling = (cb: CodeBook) =>
  fc
    .constantFrom(...codeBookSpellings(cb))
    .chain((s) => fc.constantFrom(s, s.replace(/ and /g, ' & '), s.replace(/ and /g, '&'), s.replace(/ /g, '. ')));
const description = fc.constantFrom('', '   PROSTITUTION', '-POSSESS CNTL SUBSTANCE', ' - DUI ALCOHOL', ' ASSAULT W/DEADLY WEAPON');
const parens = (subs: readonly string[]) => subs.map((s) => `(${s})`).join('');
const space = fc.constantFrom(' ', '  ', '', '\t');
const attemptText = (attempt: boolean) => fc.constantFrom(attempt ? '664/' : '', attempt ? '664 / ' : '');

/** `647(b) PC/M PROSTITUTION`, `23152(a) VC`, `664/187(a) PC/F` */
const suffixForm: fc.Arbitrary<Written> = fc
  .record({ codeBook, section, subdivisions: parenSubdivisions, level, attempt: fc.boolean() })
  .chain((c) =>
    fc.tuple(spelling(c.codeBook), attemptText(c.attempt), fc.constantFrom(' ', '   '), description).map(([book, att, gap, desc]) => ({
      text: `${att}${c.section}${parens(c.subdivisions)}${gap}${book}${c.level ? `/${c.level}` : ''}${desc}`,
      expected: { ...c, codeBookInferred: false },
    })),
  );

/** `PC 647(b)`, `PC647(b)`, `Health & Saf. Code § 11377(a)/M` */
const prefixForm: fc.Arbitrary<Written> = fc
  .record({ codeBook, section, subdivisions: parenSubdivisions, level, attempt: fc.boolean() })
  .chain((c) =>
    fc
      .tuple(fc.constantFrom('', 'Cal. ', 'California '), spelling(c.codeBook), fc.constantFrom(' ', '', ' § ', ' sec. ', ', § '), attemptText(c.attempt), description)
      .map(([state, book, gap, att, desc]) => ({
        text: `${state}${book}${gap}${att}${c.section}${parens(c.subdivisions)}${c.level ? `/${c.level}` : ''}${desc}`,
        expected: { ...c, codeBookInferred: false },
      })),
  );

/** `Pen. Code § 647, subd. (b)`, `Health & Saf. Code § 11377, subd. (a)(1)` */
const longForm: fc.Arbitrary<Written> = fc
  .record({ codeBook, section, subdivisions: parenSubdivisions.filter((s) => s.length > 0), attempt: fc.boolean() })
  .chain((c) =>
    fc
      .tuple(spelling(c.codeBook), attemptText(c.attempt), fc.constantFrom(', subd. ', ' subd. ', ', subdivision ', ',subd.'))
      .map(([book, att, subd]) => ({
        text: `${book} § ${att}${c.section}${subd}${parens(c.subdivisions)}`,
        expected: { ...c, level: null, codeBookInferred: false },
      })),
  );

/** DA tokens: `245A1/F/0`, `664/187A`, `11364`, `653.22A/M/0`: no code book, so it is inferred. */
const daToken: fc.Arbitrary<Written> = fc
  .record({ section, subdivisions: gluedSubdivisions, level, attempt: fc.boolean() })
  .chain((c) =>
    fc.tuple(attemptText(c.attempt), fc.constantFrom('/0', '/1', '')).map(([att, count]) => ({
      text: `${att}${c.section}${c.subdivisions.join('')}${c.level ? `/${c.level}${count}` : ''}`,
      expected: { ...c, codeBook: inferCodeBook(c.section), codeBookInferred: true },
    })),
  );

/** Statute text with no code book: `647(b)`, `11377(a)/M`. */
const bareForm: fc.Arbitrary<Written> = fc
  .record({ section, subdivisions: parenSubdivisions, level, attempt: fc.boolean() })
  .chain((c) =>
    attemptText(c.attempt).map((att) => ({
      text: `${att}${c.section}${parens(c.subdivisions)}${c.level ? `/${c.level}` : ''}`,
      expected: { ...c, codeBook: inferCodeBook(c.section), codeBookInferred: true },
    })),
  );

const written = fc.oneof(suffixForm, prefixForm, longForm, daToken, bareForm);
/** As written, in any mix of upper and lower case, with spaces around it. */
const writtenAnyCase: fc.Arbitrary<Written> = written.chain((w) =>
  fc.tuple(fc.mixedCase(fc.constant(w.text)), space, space).map(([text, before, after]) => ({ text: `${before}${text}${after}`, expected: w.expected })),
);

const anyString = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcfhimps()/;,.§&- \tPCHSVFMI'.split('')), maxLength: 40 }),
  written.map((w) => w.text),
);

describe('properties', () => {
  it('parses every generated charge, in every notation, to the charge meant', () => {
    fc.assert(
      fc.property(writtenAnyCase, (w) => {
        expect(parseCharge(w.text)).toEqual({ ok: true, charge: { raw: w.text.trim(), ...w.expected } });
      }),
      { numRuns: 2000 },
    );
  });

  it('formatCharge(parse(x)) parses back to the same structured charge', () => {
    fc.assert(
      fc.property(writtenAnyCase, (w) => {
        const r = parseCharge(w.text);
        if (!r.ok) throw new Error(r.failure.error);
        const again = parseCharge(formatCharge(r.charge, { level: true }));
        expect(charge(again)).toEqual({ ...charge(r), codeBookInferred: false });
        // Without the level, everything but the level survives.
        expect(charge(parseCharge(formatCharge(r.charge)))).toEqual({ ...charge(r), codeBookInferred: false, level: null });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and whatever parses is well formed and formats back to itself', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = parseCharge(s);
        if (r.ok) {
          expect(r.charge.raw).toBe(s.trim());
          expect(CODE_BOOKS).toContain(r.charge.codeBook);
          expect(r.charge.section).toMatch(/^[1-9]\d{0,5}(\.\d+)?$/);
          for (const sub of r.charge.subdivisions) expect(sub).toMatch(/^(?:[a-z0-9]*[a-z][a-z0-9]*|0|[1-9]\d*)$/);
          expect(charge(parseCharge(formatCharge(r.charge, { level: true })))).toEqual({ ...charge(r), codeBookInferred: false });
        } else {
          expect(r.failure.raw).toBe(s.trim());
          expect(r.failure.error.length).toBeGreaterThan(0);
        }
        expect(() => parseChargeList(s)).not.toThrow();
      }),
      { numRuns: 5000 },
    );
  });

  it('ignores case: upper and lower case give the same charge', () => {
    fc.assert(
      fc.property(written, (w) => {
        const upper = parseCharge(w.text.toUpperCase());
        const lower = parseCharge(w.text.toLowerCase());
        expect(upper.ok && lower.ok).toBe(true);
        expect(structure(upper)).toEqual(structure(lower));
        expect(structure(upper)).toEqual(w.expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores case on arbitrary ASCII text too, failures included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcfhimps()/;,.§&- PCHSVFMI'.split('')), maxLength: 40 }), (s) => {
        expect(structure(parseCharge(s.toUpperCase()))).toEqual(structure(parseCharge(s.toLowerCase())));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseChargeList returns one result per item, in order, whatever the separators', () => {
    const separator = fc.constantFrom(';', ',', '; ', ', ', ' ;', ' , ', ';;', ',;', '\n', '\r\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(writtenAnyCase, separator), { minLength: 1, maxLength: 8 }), fc.boolean(), (items, trailing) => {
        let list = '';
        items.forEach(([w, sep], k) => {
          list += w.text;
          if (k < items.length - 1 || trailing) list += sep;
        });
        const results = parseChargeList(list);
        expect(results).toHaveLength(items.length);
        results.forEach((r, k) => expect(r).toEqual({ ok: true, charge: { raw: items[k]![0].text.trim(), ...items[k]![0].expected } }));
      }),
      { numRuns: 1000 },
    );
  });
});
