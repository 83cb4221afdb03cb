/**
 * The report package on a real run (sma_cross on BTC/USDT 1h, 2019–2020): Parquet read back through
 * DuckDB, the JSON summary, and the HTML tearsheet loaded in headless Chromium (Debian's) with the
 * charts measured, rasterised and counted, the tables checked against computeMetrics, the zoomable
 * price chart driven by the mouse (drag, wheel, shift+wheel, button, double-click), nothing
 * fetched, and hostile text shown as text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type BacktestData,
  type BacktestResult,
  computeMetrics,
  type Metrics,
  runBacktest,
} from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import { FillModelSchema } from '@algotrader/portfolio';
import {
  type BacktestSummary,
  duration,
  num,
  type PriceChartData,
  pct,
  utc,
  type WrittenReport,
  writeReport,
} from '@algotrader/report';
import { readCsvBars } from '@algotrader/store';
import {
  declaredFeatures,
  defineStrategy,
  NO_DECISIONS,
  parseParams,
  smaCross,
  targetUnits,
} from '@algotrader/strategy';
import { bundledData, descendants, waitFor } from '@algotrader/testkit';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const fillModel = FillModelSchema.parse({
  fees: { maker: 0.001, taker: 0.001 },
  slippage: { kind: 'bps', bps: 2 },
});
const CREATED = Date.UTC(2024, 0, 2, 3, 4, 5);
const PARAMS = { fast: 24, slow: 96 };
const HOUR = 3_600_000;

let dir: string;
let data: BacktestData;
let result: BacktestResult;
let metrics: Metrics;
let report: WrittenReport;
let browser: Browser;

async function duck<T>(sql: string): Promise<T[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(sql)).getRows() as T[][];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'algotrader-report-'));
  const all = await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz'));
  const a = all.openTime.findIndex((t) => t >= Date.UTC(2019, 0, 1));
  // The last bar opens 2020-12-31 23:00 and closes 2021-01-01 00:00: that close ends December, so the
  // points span exactly 24 months (no empty January 2021), and a time tick sits at the chart's very end.
  const b = all.openTime.findIndex((t) => t >= Date.UTC(2021, 0, 1));
  const cut = (c: Float64Array) => c.slice(a, b);
  data = {
    timeframe: '1h',
    series: [
      {
        instrument: parseInstrument('BINANCE:BTC/USDT'),
        bars: {
          openTime: cut(all.openTime),
          open: cut(all.open),
          high: cut(all.high),
          low: cut(all.low),
          close: cut(all.close),
          volume: cut(all.volume),
        },
      },
    ],
  };
  result = runBacktest({
    strategy: smaCross,
    params: PARAMS,
    data,
    initialCash: 10_000,
    fillModel,
  });
  metrics = computeMetrics(result);
  report = await writeReport(join(dir, 'run'), {
    result,
    metrics,
    // The strategy's own declaration (two SMAs) and an oscillator, which has no place on a price axis.
    features: [...declaredFeatures(smaCross, parseParams(smaCross, PARAMS)).keys, 'rsi:close:14'],
    data,
    run: {
      runId: 'btc-sma',
      createdAt: CREATED,
      dataSource: 'shared BTC 1h',
      fillModel,
      from: Date.UTC(2019, 0, 1),
    },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

/** Whether a process is still there (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  // Chromium's zygotes outlive close() by a second or two, no longer our descendants by then: note
  // them first and wait for them, so the file leaves nothing running.
  const chromiumPids = descendants()
    .filter((p) => p.cmd.includes('chromium'))
    .map((p) => p.pid);
  await browser?.close();
  await waitFor(() => !chromiumPids.some(alive), 15_000, 'Chromium to exit');
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet outputs', () => {
  test('fills.parquet holds every fill, exactly, in fill order', async () => {
    expect(result.fills.length).toBeGreaterThan(100);
    const rows = await duck<unknown>(
      `SELECT time_ms, epoch_ms(time)::BIGINT, side, qty, price, fee, notional, instrument, client_order_id, reason
       FROM read_parquet(${quotedString(report.files.fills)})`,
    );
    expect(rows).toHaveLength(result.fills.length);
    rows.forEach((r, i) => {
      const f = result.fills[i]!;
      expect(r).toEqual([
        BigInt(f.time),
        BigInt(f.time),
        f.side,
        f.qty,
        f.price,
        f.fee,
        f.qty * f.price,
        'BINANCE:BTC/USDT',
        f.clientOrderId,
        f.reason,
      ]);
    });
  });

  test('trades.parquet has one row per round trip with its P&L', async () => {
    const [[count, pnl, first, reasons]] = (await duck(
      `SELECT count(*), sum(pnl), min(epoch_ms(entry_time))::BIGINT, string_agg(DISTINCT exit_reason, ',')
       FROM read_parquet(${quotedString(report.files.trades)})`,
    )) as [[bigint, number, bigint, string]];
    expect(Number(count)).toBe(result.trades.length);
    expect(pnl).toBeCloseTo(
      result.trades.reduce((s, t) => s + t.pnl, 0),
      6,
    );
    expect(Number(first)).toBe(result.trades[0]!.entryTime);
    // A strategy without protective exits: every trade closed on a signal.
    expect(reasons).toBe('signal');
  });

  test('equity.parquet has one row per close time, ending at the final equity', async () => {
    const rows = await duck<number | bigint>(
      `SELECT time_ms, equity, drawdown FROM read_parquet(${quotedString(report.files.equity)}) ORDER BY time_ms`,
    );
    const n = result.equity.time.length;
    expect(rows).toHaveLength(n);
    expect(rows[0]).toEqual([
      BigInt(result.equity.time[0]!),
      result.equity.equity[0],
      result.equity.drawdown[0],
    ]);
    expect(rows[n - 1]![1]).toBe(result.finalEquity);
    expect(Math.min(...rows.map((r) => r[2] as number))).toBeCloseTo(-metrics.maxDrawdown.depth, 12);
  });
});

describe('JSON summary', () => {
  test('carries the metrics, the parsed parameters, the fill model and the run', () => {
    const s = JSON.parse(readFileSync(report.files.summary, 'utf8')) as BacktestSummary;
    expect(s).toMatchObject({
      kind: 'backtest_summary',
      runId: 'btc-sma',
      createdAt: '2024-01-02T03:04:05.000Z',
      strategy: 'sma_cross',
      params: { fast: 24, slow: 96, sizing: { kind: 'equity_fraction', fraction: 0.98 } },
      timeframe: '1h',
      instruments: ['BINANCE:BTC/USDT'],
      data: { source: 'shared BTC 1h', from: '2019-01-01T00:00:00.000Z', to: null },
      fillModel: {
        timing: 'next_open',
        fees: { maker: 0.001, taker: 0.001 },
        slippage: { kind: 'bps', bps: 2 },
      },
      counts: { fills: result.fills.length, trades: result.trades.length },
      finalEquity: result.finalEquity,
    });
    expect(s.metrics['totalReturn']).toBe(metrics.totalReturn);
    expect(s.metrics['sharpe']).toBe(metrics.sharpe);
    expect(s.metrics['maxDrawdown']).toMatchObject({ depth: metrics.maxDrawdown.depth });
    expect(Object.keys(s.metrics['monthlyReturns'] as object)).toHaveLength(24);
    // Trades by exit reason and instrument: a strategy without exits closes every trade on a signal.
    const byReason = metrics.byExitReason[0]!;
    expect(s.metrics['byExitReason']).toEqual({
      signal: {
        trades: result.trades.length,
        winRate: byReason.winRate,
        pnl: byReason.pnl,
        avgPnl: byReason.avgPnl,
      },
    });
    expect(Object.keys(s.metrics['byInstrument'] as object)).toEqual(['BINANCE:BTC/USDT']);
  });
});

/** What the page shows, measured in the browser. */
interface Rendered {
  equityLength: number;
  equityBox: [number, number];
  benchmarks: { name: string; width: number }[];
  drawdownBox: [number, number];
  drawdownRows: string[][];
  instrumentRows: string[][];
  exitReasonTable: boolean;
  noExitReasonNote: boolean;
  bins: number;
  cells: number;
  cellColours: number;
  months: string[];
  years: number;
  metricRows: number;
  totalReturnText: string;
  /** X-axis labels sticking out of their chart (left or right of the viewBox). */
  cutLabels: string[];
  lastTickLabels: string[];
  pixels: Record<string, { drawn: number; total: number }>;
}

/**
 * The browser APIs the functions run in the page use, declared narrowly: the root tsconfig has no
 * DOM library (everything else here runs in Node).
 */
interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
  getBBox(): { x: number; width: number; height: number };
  getTotalLength(): number;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}
interface PageImage {
  src: string;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  decode(): Promise<void>;
}
interface Ctx2d {
  drawImage(image: PageImage, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx2d | null;
}
interface PageGlobals {
  readonly document: {
    querySelector(selector: string): (PageElement & PageCanvas) | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
    getElementById(id: string): PageElement | null;
    createElement(tag: 'canvas'): PageCanvas;
  };
  readonly XMLSerializer: new () => { serializeToString(node: PageElement): string };
  readonly Image: new () => PageImage;
  readonly __pwned?: number;
}

async function measure(page: Page): Promise<Rendered> {
  return page.evaluate(async () => {
    const { document, XMLSerializer, Image } = globalThis as unknown as PageGlobals;
    const q = (s: string) => document.querySelector(s);
    const box = (e: PageElement | null): [number, number] => {
      const b = e?.getBBox();
      return [b?.width ?? 0, b?.height ?? 0];
    };
    const cellsOf = (sel: string) =>
      [...document.querySelectorAll(sel)].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      );
    // Rasterise one chart on its own (presentation attributes only) and count the pixels drawn in colour.
    const raster = async (svg: PageElement) => {
      const text = new XMLSerializer().serializeToString(svg);
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      // Coloured pixels only: the series, areas, markers and cells; grey axes, grid and text do not count.
      let drawn = 0;
      for (let i = 0; i < px.length; i += 4) {
        const r = px[i]!;
        const g = px[i + 1]!;
        const b = px[i + 2]!;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) drawn++;
      }
      return { drawn, total: px.length / 4 };
    };
    const pixels: Record<string, { drawn: number; total: number }> = {};
    const cutLabels: string[] = [];
    const lastTickLabels: string[] = [];
    for (const svg of document.querySelectorAll('svg.chart')) {
      pixels[svg.id] = await raster(svg);
      const width = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
      const ticks = [...svg.querySelectorAll('text.x-tick')];
      for (const t of ticks) {
        const b = t.getBBox();
        if (b.x < 0 || b.x + b.width > width) cutLabels.push(`${svg.id}: ${t.textContent}`);
      }
      const last = ticks[ticks.length - 1];
      if (last) lastTickLabels.push(`${svg.id}: ${last.textContent}`);
    }
    const cells = [...document.querySelectorAll('#monthly-heatmap rect.cell')];
    const totalRow = [...document.querySelectorAll('#metrics tr')].find((tr) =>
      tr.textContent?.startsWith('Total return'),
    );
    return {
      equityLength: q('#equity-chart path.line')?.getTotalLength() ?? 0,
      equityBox: box(q('#equity-chart path.line')),
      benchmarks: [...document.querySelectorAll('#equity-chart path.benchmark')].map((p) => ({
        name: p.getAttribute('data-name') ?? '',
        width: p.getBBox().width,
      })),
      drawdownBox: box(q('#drawdown-chart path.area')),
      drawdownRows: cellsOf('#drawdowns tbody tr'),
      instrumentRows: cellsOf('#instruments tbody tr'),
      exitReasonTable: q('#exit-reasons') !== null,
      noExitReasonNote: q('#no-exit-reasons') !== null,
      bins: document.querySelectorAll('#return-histogram rect.bin').length,
      cells: cells.length,
      cellColours: new Set(cells.map((c) => c.getAttribute('fill'))).size,
      months: cells.map((c) => c.getAttribute('data-month') ?? ''),
      years: document.querySelectorAll('#monthly-heatmap rect.year').length,
      metricRows: document.querySelectorAll('#metrics tr').length,
      totalReturnText: totalRow?.querySelector('td')?.textContent ?? '',
      cutLabels,
      lastTickLabels,
      pixels,
    };
  });
}

/** The zoomable price chart's state: what its script mirrors into data-* attributes, and its canvas. */
interface PriceState {
  instrument: string;
  xMin: number;
  xMax: number;
  fillsInView: number;
  markersDrawn: number;
  status: string;
  legend: string[];
  over: { x: number; y: number; width: number; height: number };
  /** Canvas pixels in the markers' green and red, and in any colour. */
  green: number;
  red: number;
  coloured: number;
}

async function priceState(page: Page): Promise<PriceState> {
  await page.waitForSelector('#price-chart[data-ready="1"]');
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const box = document.getElementById('price-chart')!;
    const canvas = document.querySelector('#price-chart canvas')!;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let green = 0;
    let red = 0;
    let coloured = 0;
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i]!;
      const g = px[i + 1]!;
      const b = px[i + 2]!;
      if (px[i + 3]! < 128) continue;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      if (g > r + 60 && g > b + 40) green++;
      if (r > g + 80 && r > b + 80) red++;
    }
    const o = document.querySelector('#price-chart .u-over')!.getBoundingClientRect();
    return {
      instrument: box.dataset['instrument'] ?? '',
      xMin: Number(box.dataset['xMin']),
      xMax: Number(box.dataset['xMax']),
      fillsInView: Number(box.dataset['fillsInView']),
      markersDrawn: Number(box.dataset['markersDrawn']),
      status: document.getElementById('pc-status')?.textContent ?? '',
      legend: [...document.querySelectorAll('#price-chart .u-legend .u-series th')].map(
        (t) => t.textContent ?? '',
      ),
      over: { x: o.x, y: o.y, width: o.width, height: o.height },
      green,
      red,
      coloured,
    };
  });
}

/** Waits until the chart's visible range differs from `before`. */
async function rangeChanged(page: Page, before: PriceState): Promise<PriceState> {
  await page.waitForFunction(
    ([a, b]) => {
      const { document } = globalThis as unknown as PageGlobals;
      const d = document.getElementById('price-chart')!.dataset;
      return Number(d['xMin']) !== a || Number(d['xMax']) !== b;
    },
    [before.xMin, before.xMax] as const,
  );
  return priceState(page);
}

async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests: requests.filter((r) => r !== url), errors };
}

/** The price chart's embedded data, read back from the HTML file. */
function priceData(file: string): PriceChartData {
  const html = readFileSync(file, 'utf8');
  const m = /<script type="application\/json" id="price-data">(.*?)<\/script>/s.exec(html);
  return JSON.parse(m![1]!) as PriceChartData;
}

describe('HTML tearsheet in headless Chromium', () => {
  test('draws equity with its benchmark, drawdowns, rolling risk, the return histogram, the tables and the heatmap', async () => {
    const { page, requests, errors } = await open(report.files.tearsheet);
    try {
      const r = await measure(page);
      expect(requests, 'a self-contained page fetches nothing').toEqual([]);
      expect(errors).toEqual([]);
      // A curve across the 928-px plot, wiggling: much longer than the plot is wide.
      expect(r.equityLength).toBeGreaterThan(2_000);
      expect(r.equityBox[0]).toBeGreaterThan(900);
      expect(r.equityBox[1]).toBeGreaterThan(100);
      // One instrument: one buy-and-hold line, across the whole chart.
      expect(r.benchmarks).toHaveLength(1);
      expect(r.benchmarks[0]!.name).toBe('Buy & hold BINANCE:BTC/USDT');
      expect(r.benchmarks[0]!.width).toBeGreaterThan(900);
      expect(r.drawdownBox[1]).toBeGreaterThan(50);
      // Top drawdowns: the first row is the max drawdown computeMetrics found on its own.
      const dd = metrics.maxDrawdown;
      expect(r.drawdownRows).toHaveLength(5);
      expect(r.drawdownRows[0]).toEqual([
        '1',
        utc(dd.start),
        utc(dd.trough),
        dd.end === null ? 'not recovered' : utc(dd.end),
        pct(-dd.depth),
        duration(dd.durationMs),
      ]);
      const depths = r.drawdownRows.map((row) => Number.parseFloat(row[4]!));
      expect(depths).toEqual([...depths].sort((a, b) => a - b));
      // Per instrument: the one instrument carries the whole run.
      expect(r.instrumentRows).toHaveLength(1);
      const [name, trades, , , net, fees, inMarket, hold] = r.instrumentRows[0]!;
      expect(name).toBe('BINANCE:BTC/USDT');
      expect(Number(trades)).toBe(result.trades.length);
      expect(net).toContain(num(result.finalEquity - result.initialCash));
      expect(fees).toBe(num(metrics.feesPaid));
      expect(inMarket).toBe(pct(metrics.exposure, 1));
      const bars = data.series[0]!.bars;
      expect(hold).toBe(pct(bars.close[bars.close.length - 1]! / bars.open[0]! - 1, 1));
      // The engine tags every trade with its exit reason: the table is there, the note is not.
      expect(r.exitReasonTable).toBe(true);
      expect(r.noExitReasonNote).toBe(false);
      expect(r.bins).toBeGreaterThanOrEqual(10);
      // 24 months of 2019–2020 and no empty January 2021, though the last bar closes on 2021-01-01.
      expect(r.cells).toBe(24);
      expect(r.months[r.months.length - 1]).toBe('2020-12');
      expect(r.cellColours).toBeGreaterThan(10);
      expect(r.years).toBe(2);
      // The run ends on a tick (2021-01): its label is whole, inside the chart.
      expect(r.lastTickLabels).toContain('equity-chart: 2021-01');
      expect(r.cutLabels).toEqual([]);
      expect(r.metricRows).toBeGreaterThan(25);
      expect(r.totalReturnText).toBe(`${(metrics.totalReturn * 100).toFixed(2)}%`);
      // Share of each chart drawn in colour once rasterised (axes, grid and labels are grey). A flat
      // equity line is ~0.6%; this curve and its benchmark more; areas, bars and cells far more.
      const share = (id: string) => r.pixels[id]!.drawn / r.pixels[id]!.total;
      expect(share('equity-chart')).toBeGreaterThan(0.015);
      expect(share('drawdown-chart')).toBeGreaterThan(0.1);
      expect(share('rolling-sharpe')).toBeGreaterThan(0.01);
      expect(share('rolling-volatility')).toBeGreaterThan(0.01);
      expect(share('return-histogram')).toBeGreaterThan(0.012);
      expect(share('monthly-heatmap')).toBeGreaterThan(0.1);
    } finally {
      await page.close();
    }
  });

  test('the price chart draws closes, SMA overlays and thinned fill markers; zoom and pan by mouse change the range', async () => {
    const { page, requests, errors } = await open(report.files.tearsheet);
    try {
      const bars = data.series[0]!.bars;
      const first = bars.openTime[0]! + HOUR;
      const last = bars.openTime[bars.openTime.length - 1]! + HOUR;
      const fillsIn = (a: number, b: number) => result.fills.filter((f) => f.time >= a && f.time <= b).length;
      // The mouse acts at viewport coordinates: bring the chart into view first.
      await page.locator('#price-chart').scrollIntoViewIfNeeded();
      const s0 = await priceState(page);
      expect(s0.instrument).toBe('BINANCE:BTC/USDT');
      expect([s0.xMin, s0.xMax]).toEqual([first, last]);
      expect(s0.fillsInView).toBe(result.fills.length);
      // Zoomed out, at most one buy and one sell per 8 px column (the hostile run below has more fills).
      expect(s0.markersDrawn).toBeLessThanOrEqual(2 * Math.ceil(s0.over.width / 8) + 2);
      expect(s0.markersDrawn).toBeGreaterThan(50);
      expect(s0.green).toBeGreaterThan(200);
      expect(s0.red).toBeGreaterThan(200);
      expect(s0.legend.slice(1)).toEqual(['close', 'sma:close:24', 'sma:close:96']);

      // Drag across the middle tenth of the plot: the range becomes that tenth.
      const y = s0.over.y + s0.over.height / 2;
      const x0 = s0.over.x + s0.over.width * 0.45;
      await page.mouse.move(x0, y);
      await page.mouse.down();
      await page.mouse.move(x0 + s0.over.width * 0.1, y, { steps: 8 });
      await page.mouse.up();
      const s1 = await rangeChanged(page, s0);
      const full = last - first;
      expect((s1.xMax - s1.xMin) / full).toBeGreaterThan(0.08);
      expect((s1.xMax - s1.xMin) / full).toBeLessThan(0.12);
      expect(s1.xMin).toBeGreaterThan(first + full * 0.43);
      expect(s1.xMax).toBeLessThan(first + full * 0.57);
      // The counts follow the range; zoomed in, every fill in view is marked.
      expect(s1.fillsInView).toBe(fillsIn(s1.xMin, s1.xMax));
      expect(s1.fillsInView).toBeGreaterThan(0);
      expect(s1.markersDrawn).toBe(s1.fillsInView);
      expect(s1.status).toContain('all marked');

      // Wheel up over the middle: zoom in by a fifth around the pointer.
      await page.mouse.move(s1.over.x + s1.over.width / 2, y);
      await page.mouse.wheel(0, -200);
      const s2 = await rangeChanged(page, s1);
      expect((s2.xMax - s2.xMin) / (s1.xMax - s1.xMin)).toBeCloseTo(0.8, 2);
      expect(s2.xMin).toBeGreaterThan(s1.xMin);
      expect(s2.xMax).toBeLessThan(s1.xMax);

      // Shift + wheel pans: same width, later range.
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, 200);
      await page.keyboard.up('Shift');
      const s3 = await rangeChanged(page, s2);
      expect(s3.xMax - s3.xMin).toBeCloseTo(s2.xMax - s2.xMin, -3);
      expect(s3.xMin).toBeGreaterThan(s2.xMin);
      expect(s3.fillsInView).toBe(fillsIn(s3.xMin, s3.xMax));

      // ◀ pans back by half the width.
      await page.click('#pc-left');
      const s4 = await rangeChanged(page, s3);
      expect(s4.xMin).toBeCloseTo(s3.xMin - (s3.xMax - s3.xMin) / 2, -3);

      // Double-click: the whole run again.
      await page.mouse.dblclick(s4.over.x + s4.over.width / 2, y);
      const s5 = await rangeChanged(page, s4);
      expect([s5.xMin, s5.xMax]).toEqual([first, last]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the embedded price data: every close, the declared SMAs as computed from the closes, every fill; the RSI is left out and said', () => {
    const d = priceData(report.files.tearsheet);
    expect(d.series).toHaveLength(1);
    const s = d.series[0]!;
    const close = data.series[0]!.bars.close;
    expect(s.thinned).toBe(0);
    expect(s.c).toHaveLength(close.length);
    // Close times decode back exactly (the data has outage gaps: steps of more than one bar).
    const openTime = data.series[0]!.bars.openTime;
    let t = s.t0;
    s.dt.forEach((step, i) => {
      t += step * s.tf;
      if (t !== openTime[i]! + HOUR) throw new Error(`close time ${i} decodes to ${t}`);
    });
    expect(s.dt.some((step) => step > 1)).toBe(true);
    expect(s.f).toHaveLength(result.fills.length);
    expect(s.lines.map((l) => l.key)).toEqual(['sma:close:24', 'sma:close:96']);
    const sma = (i: number, n: number) => {
      let sum = 0;
      for (let j = i - n + 1; j <= i; j++) sum += close[j]!;
      return sum / n;
    };
    for (const i of [0, 22, 23, 95, 96, 5_000, close.length - 1]) {
      expect(s.c[i]).toBeCloseTo(close[i]!, 2);
      const fast = s.lines[0]!.v[i];
      const slow = s.lines[1]!.v[i];
      if (i < 23) expect(fast).toBeNull();
      else expect(fast! / sma(i, 24)).toBeCloseTo(1, 6);
      if (i < 95) expect(slow).toBeNull();
      else expect(slow! / sma(i, 96)).toBeCloseTo(1, 6);
    }
    expect(d.skipped).toEqual(['rsi:close:14 (not on the price scale)']);
    expect(readFileSync(report.files.tearsheet, 'utf8')).toContain(
      'Not drawn: rsi:close:14 (not on the price scale).',
    );
  });

  test('an empty chart area is detected: a run without fills has no markers and a flat equity line', async () => {
    // The same measurements on a run that never trades: this is what the assertions above rule out.
    const idle = defineStrategy({
      kind: 'single',
      name: 'idle',
      description: 'never trades',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      warmup: () => 1,
      init: () => ({}),
      onBar: () => NO_DECISIONS,
    });
    const r0 = runBacktest({ strategy: idle, data, initialCash: 10_000, fillModel });
    const m0 = computeMetrics(r0);
    const w = await writeReport(join(dir, 'idle'), {
      result: r0,
      metrics: m0,
      data,
      run: { runId: 'idle', createdAt: CREATED, dataSource: 'x', fillModel },
    });
    const { page } = await open(w.files.tearsheet);
    try {
      const r = await measure(page);
      const p = await priceState(page);
      expect(p.fillsInView).toBe(0);
      expect(p.markersDrawn).toBe(0);
      expect(p.green).toBe(0);
      expect(p.red).toBe(0);
      expect(r.equityBox[1]).toBeLessThan(1);
      expect(r.equityLength).toBeLessThan(1_000);
      expect(r.drawdownRows).toEqual([]);
      expect(r.instrumentRows[0]!.slice(0, 2)).toEqual(['BINANCE:BTC/USDT', '0']);
      // Only the benchmark is drawn in colour on the equity chart; without it the chart is near-empty.
      expect(r.pixels['rolling-sharpe']!.drawn, 'no variance: no Sharpe line').toBe(0);
      expect(r.pixels['monthly-heatmap']!.drawn, 'all months 0%: no coloured cell').toBe(0);
    } finally {
      await page.close();
    }
  });

  test('escapes every text from the run: hostile parameters, names and feature keys show as text and run nothing', async () => {
    const hostile = '</script><img src="x" onerror="window.__pwned=1"><b id="inj">x</b>';
    const noted = defineStrategy({
      kind: 'single',
      name: 'noted',
      description: 'buys at midnight, sells at noon; carries a free-text parameter',
      paramsSchema: z.object({ note: z.string().default('') }).strict(),
      timeframes: 'any',
      warmup: () => 1,
      init: () => ({}),
      onBar(ctx) {
        const h = new Date(ctx.time).getUTCHours();
        if (h === 0) return [targetUnits(ctx.instrument, 0.01)];
        if (h === 12) return [targetUnits(ctx.instrument, 0)];
        return NO_DECISIONS;
      },
    });
    const r1 = runBacktest({
      strategy: noted,
      params: { note: hostile },
      data,
      initialCash: 10_000,
      fillModel,
    });
    const w = await writeReport(join(dir, 'hostile'), {
      result: r1,
      metrics: computeMetrics(r1),
      data,
      features: [hostile],
      run: {
        runId: `run"><script>window.__pwned=2</script>`,
        createdAt: CREATED,
        dataSource: hostile,
        fillModel,
      },
    });
    const html = readFileSync(w.files.tearsheet, 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b id="inj">');
    const { page, requests, errors } = await open(w.files.tearsheet);
    try {
      // Two fills a day for two years: far more than the chart has 8 px columns, so markers are thinned.
      const p = await priceState(page);
      expect(p.fillsInView).toBe(r1.fills.length);
      expect(r1.fills.length).toBeGreaterThan((2 * p.over.width) / 8);
      expect(p.markersDrawn).toBeLessThanOrEqual(2 * Math.ceil(p.over.width / 8) + 2);
      expect(p.status).toContain('zoom in to see every fill');
      const seen = await page.evaluate(() => {
        const { document, __pwned } = globalThis as unknown as PageGlobals;
        return {
          pwned: __pwned ?? null,
          imgs: document.querySelectorAll('img').length,
          injected: document.getElementById('inj') !== null,
          scripts: [...document.querySelectorAll('script')].map(
            (s) => `${s.getAttribute('type') ?? 'code'}#${s.id}`,
          ),
          paramText: document.querySelector('#params td')?.textContent ?? '',
          runText: document.querySelector('#run td')?.textContent ?? '',
          notes: document.getElementById('pc-notes')?.textContent ?? '',
          embedded: JSON.parse(
            document.getElementById('summary-json')?.textContent ?? '{}',
          ) as BacktestSummary,
        };
      });
      expect(seen.pwned).toBeNull();
      expect(seen.imgs).toBe(0);
      expect(seen.injected).toBe(false);
      expect(seen.scripts, 'two JSON data blocks and the chart script').toEqual([
        'application/json#price-data',
        'code#',
        'application/json#summary-json',
      ]);
      expect(seen.paramText).toBe(hostile);
      expect(seen.runText).toBe(`run"><script>window.__pwned=2</script>`);
      expect(seen.notes).toContain(`Not drawn: ${hostile} (`);
      expect(seen.embedded.params).toEqual({ note: hostile });
      expect(seen.embedded.data.source).toBe(hostile);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
