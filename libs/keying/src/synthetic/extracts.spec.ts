import { DEFAULT_ERROR_RATES, ExtractGenerator, RankedNames, TOP_NAME_SHARES, transpose, typo, type ExtractOptions } from './extracts';
import { Rng } from '@sra/synthetic';

const NAMES = {
  surnames: ['smith', 'johnson', 'williams', 'obrien', 'garcia', 'lee', 'nguyen', 'brown'],
  male: ['james', 'john', 'robert', 'william', 'jose'],
  female: ['mary', 'patricia', 'linda', 'maria'],
};
const OPTIONS: ExtractOptions = { seed: 't', persons: 50, police: 40, arrests: 20, da: 10, rates: DEFAULT_ERROR_RATES };

describe('RankedNames', () => {
  it("gives the top name the census share it is fitted to", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    expect(new RankedNames(names, TOP_NAME_SHARES.surnames).share(1)).toBeCloseTo(0.01006, 5);
    expect(new RankedNames(names, TOP_NAME_SHARES.male).share(1)).toBeCloseTo(0.03318, 5);
  });
  it('makes each rank less likely than the one before', () => {
    const r = new RankedNames(['a', 'b', 'c', 'd'], 0.4);
    expect(r.share(1)).toBeGreaterThan(r.share(2));
    expect(r.share(3)).toBeGreaterThan(r.share(4));
  });
});

describe('typo and transpose', () => {
  it('change a name by one edit', () => {
    const rng = new Rng('edits');
    for (let i = 0; i < 200; i++) {
      const t = typo('johnson', rng);
      expect(t).not.toBe('johnson');
      expect(Math.abs(t.length - 7)).toBeLessThanOrEqual(1);
    }
    expect(transpose('ab', new Rng('x'))).toBe('ba');
  });
});

describe('ExtractGenerator', () => {
  const lines = (file: 'police-incident-persons' | 'arrests' | 'da-decisions') => [...new ExtractGenerator(NAMES, OPTIONS).lines(file)];

  it('writes each extract with its header, its rows and the truth of each row', () => {
    const police = lines('police-incident-persons');
    expect(police[0].extract).toBe('INCIDENT_NO,REPORT_ID,ROLE,RECORDED_AT,LAST_NAME,FIRST_NAME,MIDDLE_NAME,DOB,SEX\n');
    expect(police).toHaveLength(41);
    for (const { extract, truth } of police.slice(1)) {
      expect(extract.split(',')).toHaveLength(9);
      expect(truth!.split(',')[0]).toBe(extract.split(',')[0]);
      expect(Number(truth!.split(',')[1])).toBeLessThan(50);
    }
  });
  it('is the same for the same seed', () => {
    expect(lines('police-incident-persons')).toEqual(lines('police-incident-persons'));
  });
});
