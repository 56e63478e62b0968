import { avoidDstEdges, dataSfDatetime, dayIndexOf, isoMinutes, monthEnd, monthStart } from './calendar';

const at = (isoDay: string, hh: number, mm: number) => dayIndexOf(isoDay) * 1440 + hh * 60 + mm;

describe('calendar', () => {
  it('formats local times as DataSF and ISO write them', () => {
    expect(dataSfDatetime(at('2018-12-01', 0, 25))).toBe('2018/12/01 12:25:00 AM');
    expect(dataSfDatetime(at('2018-12-01', 12, 5))).toBe('2018/12/01 12:05:00 PM');
    expect(dataSfDatetime(at('2018-12-31', 23, 59))).toBe('2018/12/31 11:59:00 PM');
    expect(isoMinutes(at('2024-03-09', 23, 5))).toBe('2024-03-09 23:05');
  });

  it('knows month boundaries, leap years included', () => {
    expect(monthEnd('2024-02') - monthStart('2024-02')).toBe(29);
    expect(monthEnd('2023-02') - monthStart('2023-02')).toBe(28);
    expect(monthEnd('2024-12')).toBe(dayIndexOf('2025-01-01'));
  });

  it('moves times out of the spring-forward gap and the fall-back overlap', () => {
    // 2024-03-10 02:30 does not exist in San Francisco; 2024-11-03 01:30 exists twice
    expect(isoMinutes(avoidDstEdges(at('2024-03-10', 2, 30)))).toBe('2024-03-10 03:30');
    expect(isoMinutes(avoidDstEdges(at('2024-11-03', 1, 30)))).toBe('2024-11-03 02:30');
    // other days and hours are untouched
    expect(isoMinutes(avoidDstEdges(at('2024-03-09', 2, 30)))).toBe('2024-03-09 02:30');
    expect(isoMinutes(avoidDstEdges(at('2024-03-10', 3, 30)))).toBe('2024-03-10 03:30');
    expect(isoMinutes(avoidDstEdges(at('2018-03-11', 2, 0)))).toBe('2018-03-11 03:00');
  });
});
