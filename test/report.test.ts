/**
 * The report package on a real run (sma_cross on BTC/USDT 1h, 2019–2020): Parquet read back through
 * DuckDB, the JSON summary, and the HTML tearsheet loaded in headless Chromium (Debian's) with the
 * charts measured, rasterised and counted, nothing fetched, and hostile text shown as text.
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
import { type BacktestSummary, type WrittenReport, writeReport } from '@algotrader/report';
import { readCsvBars } from '@algotrader/store';
import { defineStrategy, NO_DECISIONS, smaCross, targetUnits } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';
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
  // The last bar closes at 2020-12-31 23:00, so the points (close times) span exactly 24 months.
  const b = all.openTime.findIndex((t) => t >= Date.UTC(2020, 11, 31, 23));
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
    params: { fast: 24, slow: 96 },
    data,
    initialCash: 10_000,
    fillModel,
  });
  metrics = computeMetrics(result);
  report = await writeReport(join(dir, 'run'), {
    result,
    metrics,
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

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet outputs', () => {
  test('fills.parquet holds every fill, exactly, in fill order', async () => {
    expect(result.fills.length).toBeGreaterThan(100);
    const rows = await duck<unknown>(
      `SELECT time_ms, epoch_ms(time)::BIGINT, side, qty, price, fee, notional, instrument, client_order_id
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
      ]);
    });
  });

  test('trades.parquet has one row per round trip with its P&L', async () => {
    const [[count, pnl, first]] = (await duck(
      `SELECT count(*), sum(pnl), min(epoch_ms(entry_time))::BIGINT FROM read_parquet(${quotedString(report.files.trades)})`,
    )) as [[bigint, number, bigint]];
    expect(Number(count)).toBe(result.trades.length);
    expect(pnl).toBeCloseTo(
      result.trades.reduce((s, t) => s + t.pnl, 0),
      6,
    );
    expect(Number(first)).toBe(result.trades[0]!.entryTime);
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
  });
});

/** What the page shows, measured in the browser. */
interface Rendered {
  equityLength: number;
  equityBox: [number, number];
  drawdownBox: [number, number];
  priceLength: number;
  markers: number;
  buys: number;
  sells: number;
  cells: number;
  cellColours: number;
  years: number;
  metricRows: number;
  totalReturnText: string;
  pixels: Record<string, { drawn: number; total: number }>;
}

/**
 * The browser APIs the functions run in the page use, declared narrowly: the root tsconfig has no
 * DOM library (everything else here runs in Node).
 */
interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  getBBox(): { width: number; height: number };
  getTotalLength(): number;
}
interface PageImage {
  src: string;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  decode(): Promise<void>;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    drawImage(image: PageImage, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}
interface PageGlobals {
  readonly document: {
    querySelector(selector: string): PageElement | null;
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
    for (const svg of document.querySelectorAll('svg.chart')) pixels[svg.id] = await raster(svg);
    const cells = [...document.querySelectorAll('#monthly-heatmap rect.cell')];
    const totalRow = [...document.querySelectorAll('#metrics tr')].find((tr) =>
      tr.textContent?.startsWith('Total return'),
    );
    return {
      equityLength: q('#equity-chart path.line')?.getTotalLength() ?? 0,
      equityBox: box(q('#equity-chart path.line')),
      drawdownBox: box(q('#drawdown-chart path.area')),
      priceLength: q('#price-chart-0 path.line')?.getTotalLength() ?? 0,
      markers: document.querySelectorAll('#price-chart-0 path.marker').length,
      buys: document.querySelectorAll('#price-chart-0 path.marker.buy').length,
      sells: document.querySelectorAll('#price-chart-0 path.marker.sell').length,
      cells: cells.length,
      cellColours: new Set(cells.map((c) => c.getAttribute('fill'))).size,
      years: document.querySelectorAll('#monthly-heatmap rect.year').length,
      metricRows: document.querySelectorAll('#metrics tr').length,
      totalReturnText: totalRow?.querySelector('td')?.textContent ?? '',
      pixels,
    };
  });
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

describe('HTML tearsheet in headless Chromium', () => {
  test('draws the equity, drawdown and price charts, the heatmap, the trade markers and the metrics', async () => {
    const { page, requests, errors } = await open(report.files.tearsheet);
    try {
      const r = await measure(page);
      expect(requests, 'a self-contained page fetches nothing').toEqual([]);
      expect(errors).toEqual([]);
      // A curve across the 928-px plot, wiggling: much longer than the plot is wide.
      expect(r.equityLength).toBeGreaterThan(2_000);
      expect(r.equityBox[0]).toBeGreaterThan(900);
      expect(r.equityBox[1]).toBeGreaterThan(100);
      expect(r.drawdownBox[1]).toBeGreaterThan(50);
      expect(r.priceLength).toBeGreaterThan(2_000);
      // Every fill is marked: buys (entries) and sells (exits).
      expect(r.markers).toBe(result.fills.length);
      expect(r.buys).toBe(result.fills.filter((f) => f.side === 'buy').length);
      expect(r.sells).toBe(r.markers - r.buys);
      // 24 months of 2019–2020, coloured by sign and size; one total per year.
      expect(r.cells).toBe(24);
      expect(r.cellColours).toBeGreaterThan(10);
      expect(r.years).toBe(2);
      expect(r.metricRows).toBeGreaterThan(25);
      expect(r.totalReturnText).toBe(`${(metrics.totalReturn * 100).toFixed(2)}%`);
      // Share of each chart drawn in colour once rasterised (axes, grid and labels are grey). A flat
      // equity line is ~0.6%; this curve ~2%; drawdown areas, markers and heatmap cells far more.
      const share = (id: string) => r.pixels[id]!.drawn / r.pixels[id]!.total;
      expect(share('equity-chart')).toBeGreaterThan(0.012);
      expect(share('drawdown-chart')).toBeGreaterThan(0.1);
      expect(share('price-chart-0')).toBeGreaterThan(0.01);
      expect(share('monthly-heatmap')).toBeGreaterThan(0.1);
    } finally {
      await page.close();
    }
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
      expect(r.markers).toBe(0);
      expect(r.equityBox[1]).toBeLessThan(1);
      expect(r.equityLength).toBeLessThan(1_000);
      expect(r.pixels['equity-chart']!.drawn / r.pixels['equity-chart']!.total).toBeLessThan(0.008);
      expect(r.pixels['price-chart-0']!.drawn).toBe(0);
      expect(r.pixels['monthly-heatmap']!.drawn, 'all months 0%: no coloured cell').toBe(0);
    } finally {
      await page.close();
    }
  });

  test('escapes every text from the run: hostile parameters and names show as text and run nothing', async () => {
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
      const seen = await page.evaluate(() => {
        const { document, __pwned } = globalThis as unknown as PageGlobals;
        return {
          pwned: __pwned ?? null,
          imgs: document.querySelectorAll('img').length,
          injected: document.getElementById('inj') !== null,
          scripts: document.querySelectorAll('script').length,
          paramText: document.querySelector('#params td')?.textContent ?? '',
          runText: document.querySelector('#run td')?.textContent ?? '',
          embedded: JSON.parse(
            document.getElementById('summary-json')?.textContent ?? '{}',
          ) as BacktestSummary,
        };
      });
      expect(seen.pwned).toBeNull();
      expect(seen.imgs).toBe(0);
      expect(seen.injected).toBe(false);
      expect(seen.scripts, 'only the JSON data block').toBe(1);
      expect(seen.paramText).toBe(hostile);
      expect(seen.runText).toBe(`run"><script>window.__pwned=2</script>`);
      expect(seen.embedded.params).toEqual({ note: hostile });
      expect(seen.embedded.data.source).toBe(hostile);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
