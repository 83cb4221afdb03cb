import { describe, expect, test } from 'vitest';
import { parseSseCalendar, SseCalendar, shanghaiDate } from './calendar';
import { loadBundledCn, loadSseCalendar } from './node';

describe('SSE calendar (the bundled 2010–2026 file)', () => {
  const cal = loadSseCalendar();

  test('holidays, weekends and the days around them', () => {
    expect(cal.first).toBe('2010-01-01');
    expect(cal.last).toBe('2026-12-31');
    expect(cal.isOpen('2024-10-01')).toBe(false); // National Day
    expect(cal.isOpen('2024-10-07')).toBe(false);
    expect(cal.next('2024-09-30')).toBe('2024-10-08');
    expect(cal.previous('2024-10-08')).toBe('2024-09-30');
    expect(cal.isOpen('2024-02-09')).toBe(false); // Spring Festival
    expect(cal.next('2024-02-08')).toBe('2024-02-19');
    expect(cal.isOpen('2021-09-30')).toBe(true);
    expect(cal.isOpen('2021-10-02')).toBe(false); // Saturday
    expect(() => cal.isOpen('2009-12-31')).toThrow(
      /outside the trading calendar \(2010-01-01 → 2026-12-31\)/,
    );
    const perYear = cal.tradingDaysPerYear();
    expect(perYear).toBeGreaterThan(238);
    expect(perYear).toBeLessThan(246);
    expect(cal.tradingDays('2024-01-01', '2024-12-31')).toBe(242);
  });

  test('matches the trading dates of the bundled Moutai and CSI 300 bars exactly (2010 → 2021-09-30)', () => {
    for (const name of ['cn_600519_1d', 'cn_000300_1d'] as const) {
      const t = loadBundledCn(name).bars.openTime;
      const inFile = new Set<string>();
      for (const x of t) {
        const d = new Date(x).toISOString().slice(0, 10);
        if (d >= '2010-01-01') inFile.add(d);
      }
      expect(cal.tradingDays('2010-01-01', '2021-09-30')).toBe(inFile.size);
      for (const d of inFile) expect(cal.isOpen(d), `${name} ${d}`).toBe(true);
    }
  });

  test('sessions 09:30–11:30 and 13:00–15:00 Asia/Shanghai, lunch break closed', () => {
    const s = cal.sessions('2024-10-08');
    expect(s.map((x) => [new Date(x.open).toISOString(), new Date(x.close).toISOString()])).toEqual([
      ['2024-10-08T01:30:00.000Z', '2024-10-08T03:30:00.000Z'],
      ['2024-10-08T05:00:00.000Z', '2024-10-08T07:00:00.000Z'],
    ]);
    expect(cal.sessions('2024-10-01')).toEqual([]);
    const at = (iso: string) => Date.parse(iso);
    expect(cal.inSession(at('2024-10-08T01:29:59Z'))).toBe(false);
    expect(cal.inSession(at('2024-10-08T01:30:00Z'))).toBe(true);
    expect(cal.inSession(at('2024-10-08T04:00:00Z'))).toBe(false); // lunch
    expect(cal.inSession(at('2024-10-08T06:59:59Z'))).toBe(true);
    expect(cal.inSession(at('2024-10-08T07:00:00Z'))).toBe(false);
    expect(cal.closeOf('2024-10-08')).toBe(at('2024-10-08T07:00:00Z'));
    // 23:00 UTC on 30 Sep is 07:00 on 1 Oct in Shanghai: a holiday, so the order is for 8 Oct.
    expect(shanghaiDate(at('2024-09-30T23:00:00Z'))).toBe('2024-10-01');
    expect(cal.tradingDateFor(at('2024-09-30T23:00:00Z'))).toBe('2024-10-08');
    expect(cal.tradingDateFor(at('2024-09-30T06:00:00Z'))).toBe('2024-09-30');
    expect(cal.tradingDateFor(at('2024-09-30T07:00:00Z'))).toBe('2024-10-08');
  });

  test('a malformed calendar is refused by line and column', () => {
    expect(() => parseSseCalendar('date,ts,is_open\n2010-01-01,1262304000000,2\n', 'c.csv')).toThrow(
      /c\.csv:2: column is_open: "2"/,
    );
    expect(() => parseSseCalendar('date,ts,is_open\n2010-01-01,1262304000001,1\n', 'c.csv')).toThrow(
      /c\.csv:2: column ts/,
    );
    expect(
      () =>
        new SseCalendar([
          { date: '2010-01-01', open: true },
          { date: '2010-01-03', open: true },
        ]),
    ).toThrow(/row 2 is 2010-01-03, expected 2010-01-02/);
  });
});
