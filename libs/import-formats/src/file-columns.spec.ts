import { fileColumnsOf } from './row-rules';

describe('fileColumnsOf', () => {
  it('names each stored incident column by its DataSF header (import-formats.md)', () => {
    const names = fileColumnsOf('incidents');
    expect(names.row_id).toBe('Row ID');
    expect(names.incident_category).toBe('Incident Category');
    expect(names.incident_datetime).toBe('Incident Datetime');
    expect(names.supervisor_district_2012).toBe('Supervisor District 2012');
  });

  it('keeps the names of files whose headers are the stored names, and of columns made from two file columns', () => {
    const arrests = fileColumnsOf('arrests');
    expect(arrests.custody_type).toBe('custody_type');
    // arrest_datetime and arrest_date are both made from the file's arrest_datetime and arrest_date
    expect(arrests.arrest_datetime).toBe('arrest_datetime');
    expect(arrests.arrest_date).toBe('arrest_date');
    // a value kept only for a check is not a stored column
    expect(arrests.arrest_when_raw).toBeUndefined();
  });

  it('names the incident persons columns, the person key included', () => {
    expect(fileColumnsOf('incident-persons')).toEqual({
      incident_number: 'Incident Number',
      person_key: 'Person Key',
      person_role: 'Person Role',
      role_recorded_at: 'Role Recorded Datetime',
      incident_id: 'Incident ID',
      person_link_keys: 'Person Link Keys',
    });
  });
});
