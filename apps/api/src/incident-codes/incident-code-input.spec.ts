import { checkIncidentCodeInput, checkNewIncidentCode, normaliseIncidentCode } from './incident-code-input';

describe('incident code input', () => {
  it('zero-pads a code to five digits, as the importer stores it', () => {
    expect(normaliseIncidentCode('3074')).toEqual({ ok: true, value: '03074' });
    expect(normaliseIncidentCode(' 12075 ')).toEqual({ ok: true, value: '12075' });
  });

  it.each(['', '123456', '12a75', '-1', '1 2'])('refuses %j as a code', (text) => {
    const result = normaliseIncidentCode(text);
    expect(result.ok).toBe(false);
  });

  it('keeps a code with no category: blank category and subcategory are absent', () => {
    expect(checkNewIncidentCode({ code: '65021', description: '  Driving,  Stunt Vehicle/Street Racing ', category: ' ', subcategory: '', source: 'DataSF rows, 2019-2024' })).toEqual({
      ok: true,
      value: { code: '65021', description: 'Driving, Stunt Vehicle/Street Racing', category: null, subcategory: null, source: 'DataSF rows, 2019-2024', note: null },
    });
  });

  it('needs a description and a source', () => {
    expect(checkIncidentCodeInput({ description: ' ', source: 'x' })).toEqual({ ok: false, error: expect.stringContaining('description') });
    expect(checkIncidentCodeInput({ description: 'Military Ordinance', source: '  ' })).toEqual({ ok: false, error: expect.stringContaining('source') });
  });

  it('says why a bad code is refused before looking at the rest', () => {
    expect(checkNewIncidentCode({ code: 'MIL', description: '', source: '' })).toEqual({ ok: false, error: expect.stringContaining('not an incident code') });
  });
});
