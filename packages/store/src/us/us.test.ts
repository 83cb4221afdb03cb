import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DAY_MS, dayString, NYSE, parseDay, parseIbkrInstrument } from '@algotrader/core';
import { afterAll, describe, expect, test } from 'vitest';
import { validateBars } from '../quality';
import {
  adjustForSplits,
  BUNDLED_US_DATASETS,
  backAdjustSplits,
  dividendsFor,
  findUnadjustedSplits,
  parseCorporateActions,
  readCorporateActions,
  readUsDataset,
  refuseUnadjustedSplits,
  regularHours,
  type Split,
} from './index';

const DATA = path.resolve(import.meta.dirname, '../../../../data/us');
const dir = mkdtempSync(path.join(os.tmpdir(), 'store-us-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (file: string) => readUsDataset(path.join(DATA, file), BUNDLED_US_DATASETS[file]!);
const AAPL = parseIbkrInstrument('IBKR:AAPL');

describe('US stock datasets', () => {
  test('every bundled daily file has one bar per NYSE session date (ts = date 00:00 UTC)', async () => {
    for (const f of ['us_SPY_1d.csv.gz', 'us_AAPL_1d.csv.gz', 'us_MSFT_1d.csv.gz', 'us_ORCL_1d.csv.gz']) {
      const ds = await load(f);
      const t = ds.bars.openTime;
      expect(NYSE.sessions(t[0]!, t.at(-1)!).length, f).toBe(t.length);
      // Nights, weekends and holidays are not gaps on the session calendar; on the 24/7 grid they are.
      expect(validateBars(ds.bars, '1d', { calendar: NYSE, outlier: { kind: 'off' } }).gaps, f).toEqual([]);
      expect(validateBars(ds.bars, '1d', { outlier: { kind: 'off' } }).gaps.length, f).toBeGreaterThan(1000);
    }
  });

  test('a daily bar on a holiday is refused naming the row', async () => {
    const p = path.join(dir, 'holiday.csv');
    writeFileSync(
      p,
      `ts,open,high,low,close,volume\n${parseDay('2020-01-02')},1,1,1,1,1\n${parseDay('2020-01-20')},1,1,1,1,1\n`,
    );
    await expect(readUsDataset(p, BUNDLED_US_DATASETS['us_SPY_1d.csv.gz']!)).rejects.toThrow(
      /row 3: 2020-01-20 .* not a nyse session date/,
    );
  });

  test('a missing session inside the data is a gap of exactly that session', async () => {
    const ds = await load('us_SPY_1d.csv.gz');
    const drop = ds.bars.openTime.indexOf(parseDay('2020-11-27')); // the early-close Friday
    const cut = (a: Float64Array) => Float64Array.from([...a.slice(0, drop), ...a.slice(drop + 1)]);
    const b = ds.bars;
    const bars = {
      openTime: cut(b.openTime),
      open: cut(b.open),
      high: cut(b.high),
      low: cut(b.low),
      close: cut(b.close),
      volume: cut(b.volume),
    };
    const gaps = validateBars(bars, '1d', { calendar: NYSE, outlier: { kind: 'off' } }).gaps;
    expect(gaps).toEqual([
      { fromOpen: parseDay('2020-11-27'), toOpen: parseDay('2020-11-27'), missingBars: 1 },
    ]);
  });

  test('hourly SPY: extended hours dropped explicitly; no gaps over nights, weekends, holidays', async () => {
    const ext = await load('us_SPY_1h.csv.gz');
    expect(ext.bars.openTime.length).toBe(7936);
    const rth = regularHours(ext);
    expect(rth.meta.hours).toBe('regular');
    // 7 hourly bars overlap a full session (09:00–16:00 New York on the UTC hour), 4 an early close.
    const sessions = NYSE.sessions(rth.bars.openTime[0]!, rth.bars.openTime.at(-1)!);
    const early = sessions.filter((s) => s.earlyClose).length;
    expect(rth.bars.openTime.length).toBe((sessions.length - early) * 7 + early * 4);
    expect(rth.droppedOutsideSessions).toBe(7936 - rth.bars.openTime.length);
    expect(validateBars(rth.bars, '1h', { calendar: NYSE, outlier: { kind: 'off' } }).gaps).toEqual([]);
    // The regular-hours reader refuses the raw file at its first pre-market bar.
    await expect(
      readUsDataset(path.join(DATA, 'us_SPY_1h.csv.gz'), { ...ext.meta, hours: 'regular' }),
    ).rejects.toThrow(/row 2: bar 2021-03-10T09:00:00.000Z lies outside every nyse session/);
  });

  test('the check flags every unadjusted split drop of AAPL and MSFT and not the 2000-09-29 crash', async () => {
    const actions = await readCorporateActions(path.join(DATA, 'corporate_actions.csv'));
    const aapl = await load('us_AAPL_1d.csv.gz');
    const flags = findUnadjustedSplits(AAPL, aapl.bars);
    expect(flags.map((f) => [f.date, f.ratio, f.status])).toEqual([
      ['2000-06-21', 2, 'suspected'],
      ['2005-02-28', 2, 'suspected'],
      ['2014-06-09', 7, 'suspected'],
      ['2020-08-31', 4, 'suspected'],
    ]);
    expect(findUnadjustedSplits(AAPL, aapl.bars, actions).every((f) => f.status === 'known')).toBe(true);
    const msft = await load('us_MSFT_1d.csv.gz');
    expect(findUnadjustedSplits(msft.meta.instrument, msft.bars, actions).map((f) => f.date)).toEqual([
      '2003-02-18',
    ]);
    expect(() => refuseUnadjustedSplits(AAPL, aapl.bars, actions)).toThrow(
      /IBKR:AAPL\/USD: unadjusted split drops 2000-06-21 \(2:1, known.*2020-08-31 \(4:1.*back-adjust/,
    );
    const spy = await load('us_SPY_1d.csv.gz');
    expect(findUnadjustedSplits(spy.meta.instrument, spy.bars, actions)).toEqual([]);
    const orcl = await load('us_ORCL_1d.csv.gz');
    expect(adjustForSplits(orcl, actions)).toBe(orcl); // split-adjusted already: checked, unchanged
  });

  test('back-adjustment is explicit and recorded: AAPL continuous at today’s share count', async () => {
    const actions = await readCorporateActions(path.join(DATA, 'corporate_actions.csv'));
    const raw = await load('us_AAPL_1d.csv.gz');
    const adj = adjustForSplits(raw, actions);
    expect(adj.meta.adjustment).toBe('split_adjusted');
    expect(adj.adjustments.map((r) => [dayString(r.action.day), r.action.ratio])).toEqual([
      ['2000-06-21', 2],
      ['2005-02-28', 2],
      ['2014-06-09', 7],
      ['2020-08-31', 4],
    ]);
    const i = raw.bars.openTime.indexOf(parseDay('2020-08-28'));
    expect(adj.adjustments.at(-1)!.rowsAdjusted).toBe(i + 1);
    expect(adj.bars.close[i]).toBeCloseTo(raw.bars.close[i]! / 4, 12);
    expect(adj.bars.volume[i]).toBe(raw.bars.volume[i]! * 4);
    // The first bar carries all four splits: 2 × 2 × 7 × 4 = 112.
    expect(adj.bars.close[0]).toBeCloseTo(raw.bars.close[0]! / 112, 12);
    expect(raw.bars.close[0]).toBe(77.62); // the input is untouched
    expect(findUnadjustedSplits(AAPL, adj.bars)).toEqual([]);
  });

  test('dividends: AAPL’s 13 from the table, on the split-adjusted share basis; refused on dividend-adjusted prices', async () => {
    const actions = await readCorporateActions(path.join(DATA, 'corporate_actions.csv'));
    const adj = adjustForSplits(await load('us_AAPL_1d.csv.gz'), actions);
    const divs = dividendsFor(adj, actions);
    expect(divs).toHaveLength(13);
    // Paid $0.82 a share on 2020-08-07, before the 4:1 split of 2020-08-31: $0.205 a share today.
    expect(divs.map((d) => [dayString(d.exDay), d.perShare]).slice(0, 4)).toEqual([
      ['2020-02-07', 0.77 / 4],
      ['2020-05-08', 0.82 / 4],
      ['2020-08-07', 0.82 / 4],
      ['2020-11-06', 0.205],
    ]);
    // Unadjusted prices take the amounts as paid.
    const raw = await load('us_AAPL_1d.csv.gz');
    expect(dividendsFor({ ...raw }, actions)[2]!.perShare).toBe(0.82);
    const spyDiv = parseCorporateActions(
      'symbol,date,kind,ratio,source\nSPY,2021-06-18,dividend,1.376,test\n',
      'inline',
      (s) => parseIbkrInstrument(`IBKR:${s}`),
    );
    const spy1h = await load('us_SPY_1h.csv.gz');
    expect(() => dividendsFor(spy1h, spyDiv)).toThrow(/already dividend-adjusted .* count them twice/);
    expect(() =>
      parseCorporateActions(
        'symbol,date,kind,ratio,source\nSPY,2021-06-18,dividend,-1,test\n',
        'inline',
        (s) => parseIbkrInstrument(`IBKR:${s}`),
      ),
    ).toThrow(/inline:2: a dividend amount must be a positive number/);
  });

  test('a split missing from the table is refused after adjusting, not traded on', async () => {
    const actions = await readCorporateActions(path.join(DATA, 'corporate_actions.csv'));
    const raw = await load('us_AAPL_1d.csv.gz');
    const without2014 = actions.filter((a) => dayString(a.day) !== '2014-06-09');
    expect(() => adjustForSplits(raw, without2014)).toThrow(/2014-06-09 \(7:1, suspected/);
  });

  test('backAdjustSplits by hand: a 3-for-1 on day 3 of 4', () => {
    const d0 = parseDay('2024-01-02');
    const bars = {
      openTime: Float64Array.from([0, 1, 2, 3], (k) => d0 + k * DAY_MS),
      open: Float64Array.from([90, 93, 96, 32]),
      high: Float64Array.from([91, 94, 97, 33]),
      low: Float64Array.from([89, 92, 95, 31]),
      close: Float64Array.from([90, 93, 96, 32]),
      volume: Float64Array.from([100, 100, 100, 300]),
    };
    const split: Split = { instrument: AAPL, kind: 'split', day: d0 + 3 * DAY_MS, ratio: 3, source: 'test' };
    const { bars: out, records } = backAdjustSplits(bars, [split]);
    expect([...out.close]).toEqual([30, 31, 32, 32]);
    expect([...out.volume]).toEqual([300, 300, 300, 300]);
    expect(records).toEqual([{ action: split, rowsAdjusted: 3 }]);
  });

  test('a malformed corporate-actions row names the line', async () => {
    const p = path.join(dir, 'ca.csv');
    writeFileSync(p, 'symbol,date,kind,ratio,source\nAAPL,2020-08-31,split,4,x\nAAPL,2020-13-01,split,4,x\n');
    await expect(readCorporateActions(p)).rejects.toThrow(/ca.csv:3: date must be YYYY-MM-DD/);
    writeFileSync(p, 'symbol,date,kind,ratio,source\nAAPL,2020-08-31,spinoff,0.2,x\n');
    await expect(readCorporateActions(p)).rejects.toThrow(/unknown kind "spinoff" \(split or dividend\)/);
  });
});
