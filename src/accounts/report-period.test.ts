import { describe, expect, it } from 'vitest';
import { currentReportPeriod } from './report-period';

describe('the report period', () => {
  it('covers September to January for the February report in Stockholm', () => {
    expect(currentReportPeriod([2, 9], new Date('2026-03-10T12:00:00Z'))).toEqual({
      from: '2025-09-01',
      to: '2026-01-31',
      dueMonth: 2,
      dueYear: 2026,
    });
  });

  it('covers February to August for the September report', () => {
    expect(currentReportPeriod([9, 2], new Date('2026-09-01T00:00:00Z'))).toMatchObject({ from: '2026-02-01', to: '2026-08-31', dueMonth: 9 });
  });

  it('reaches back to last year before the first reporting month', () => {
    expect(currentReportPeriod([2, 9], new Date('2026-01-15T00:00:00Z'))).toMatchObject({ from: '2025-02-01', to: '2025-08-31', dueMonth: 9, dueYear: 2025 });
  });

  it('covers a whole year with one reporting month', () => {
    expect(currentReportPeriod([3], new Date('2026-05-01T00:00:00Z'))).toMatchObject({ from: '2025-03-01', to: '2026-02-28' });
  });

  it('ends on the last day of December for a January report', () => {
    expect(currentReportPeriod([1, 7], new Date('2026-01-20T00:00:00Z'))).toMatchObject({ from: '2025-07-01', to: '2025-12-31' });
  });

  it('uses the year so far when the pack names no months', () => {
    expect(currentReportPeriod([], new Date('2026-04-10T00:00:00Z'))).toMatchObject({ from: '2026-01-01', to: '2026-04-30' });
  });
});
