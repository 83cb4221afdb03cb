/** Ranking sweep results, and the walk-forward selection built on it. */
import { num, pct } from '@algotrader/report';
import { UsageError } from '../args';
import type { Params } from './grid';
import type { JobResult } from './job';
import type { Window } from './windows';

/** Metrics a sweep can rank by, and which way is better. */
export const RANK_METRICS = {
  sharpe: 'max',
  sortino: 'max',
  calmar: 'max',
  total_return: 'max',
  cagr: 'max',
  profit_factor: 'max',
  win_rate: 'max',
  expectancy: 'max',
  final_equity: 'max',
  max_drawdown: 'min',
  max_drawdown_days: 'min',
  annual_volatility: 'min',
  fees_paid: 'min',
  turnover: 'min',
} as const satisfies Record<string, 'max' | 'min'>;

export type RankKey = keyof typeof RANK_METRICS;

export interface RankBy {
  readonly key: RankKey;
  readonly better: 'max' | 'min';
}

/** `sharpe`, `total_return` or `totalReturn`. */
export function parseRank(name: string): RankBy {
  const key = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replaceAll('-', '_');
  if (!(key in RANK_METRICS)) {
    throw new UsageError(`--rank ${name}: choose one of ${Object.keys(RANK_METRICS).join(', ')}`);
  }
  return { key: key as RankKey, better: RANK_METRICS[key as RankKey] };
}

/** Higher is better after this; undefined and NaN rank last. */
function score(r: JobResult, by: RankBy): number {
  const v = r.metrics[by.key];
  if (r.error !== '' || v === undefined || Number.isNaN(v)) return Number.NEGATIVE_INFINITY;
  return by.better === 'max' ? v : -v;
}

/** Best first; ties (and failures, last) in job order, so any number of workers gives the same ranking. */
export function rankResults(results: readonly JobResult[], by: RankBy): JobResult[] {
  return [...results].sort((a, b) => {
    const sa = score(a, by);
    const sb = score(b, by);
    if (sa !== sb) return sb > sa ? 1 : -1;
    return a.jobId - b.jobId;
  });
}

export function paramsText(p: Params): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

const COLUMNS: readonly [string, string, (x: number) => string][] = [
  ['total_return', 'return', (x) => pct(x)],
  ['sharpe', 'sharpe', (x) => num(x)],
  ['max_drawdown', 'max dd', (x) => pct(x)],
  ['trade_count', 'trades', (x) => String(x)],
  ['win_rate', 'win rate', (x) => pct(x, 1)],
];

const PCT_METRICS = new Set(['total_return', 'cagr', 'max_drawdown', 'win_rate', 'annual_volatility']);

/** The ranked table: rank, the rank metric, the usual columns (the rank metric once), the parameters. */
export function formatRanking(rows: readonly JobResult[], by: RankBy, top: number): string[] {
  const shown = rows.slice(0, top);
  const rest = COLUMNS.filter(([k]) => k !== by.key);
  const head = ['#', by.key, ...rest.map(([, h]) => h), 'params'];
  const body = shown.map((r, i) => {
    const cell = (k: string, fmt: (x: number) => string) => {
      const v = r.metrics[k];
      return v === undefined ? '-' : fmt(v);
    };
    return [
      String(i + 1),
      r.error ? 'error' : cell(by.key, (x) => (PCT_METRICS.has(by.key) ? pct(x) : num(x, 3))),
      ...rest.map(([k, , fmt]) => cell(k, fmt)),
      r.error ? `${paramsText(r.params)}  (${r.error})` : paramsText(r.params),
    ];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (row: readonly string[]) =>
    row.map((cell, c) => (c === row.length - 1 ? cell : cell.padStart(widths[c]!))).join('  ');
  const out = [line(head), ...body.map(line)];
  if (rows.length > shown.length) out.push(`… ${rows.length - shown.length} more in the results file`);
  return out;
}

/** Which window and phase a walk-forward job belongs to, and which parameter set it ran. */
export interface WalkForwardJob {
  readonly config: number;
  readonly window: number;
  readonly phase: 'train' | 'test';
}

export interface WindowOutcome {
  readonly index: number;
  readonly train: readonly [string, string];
  readonly test: readonly [string, string];
  /** The parameter set that ranked first on the train window, with its train and test metrics. */
  readonly best: {
    readonly params: Params;
    readonly config: number;
    readonly trainMetric: number;
    readonly test: Readonly<Record<string, number>>;
  } | null;
}

export interface WalkForwardReport {
  readonly windows: readonly WindowOutcome[];
  /** Out of sample: the chosen sets' test windows chained, as if traded one after the other. */
  readonly outOfSample: {
    readonly windows: number;
    readonly compoundedReturn: number;
    /** Mean of the rank metric over the test windows. */
    readonly meanMetric: number;
    readonly worstDrawdown: number;
  };
  /** How often each parameter set was chosen, most often first. */
  readonly chosen: readonly { readonly params: Params; readonly times: number }[];
}

const isoPair = (w: readonly [number, number]): [string, string] => [
  new Date(w[0]).toISOString(),
  new Date(w[1]).toISOString(),
];

/**
 * Per window, the best parameter set on its train part (by the rank metric) and how that set did
 * on the test part that follows; then the test parts chained.
 */
export function walkForwardReport(
  windows: readonly Window[],
  layout: ReadonlyMap<number, WalkForwardJob>,
  results: readonly JobResult[],
  configs: readonly Params[],
  by: RankBy,
): WalkForwardReport {
  type Split = { train: JobResult[]; test: Map<number, JobResult> };
  const byWindow = new Map<number, Split>();
  for (const r of results) {
    const j = layout.get(r.jobId);
    if (!j) continue;
    const w: Split = byWindow.get(j.window) ?? { train: [], test: new Map() };
    if (j.phase === 'train') w.train.push(r);
    else w.test.set(j.config, r);
    byWindow.set(j.window, w);
  }
  const outcomes: WindowOutcome[] = windows.map((win) => {
    const w = byWindow.get(win.index);
    const first = w ? rankResults(w.train, by)[0] : undefined;
    const config = first ? layout.get(first.jobId)!.config : -1;
    const test = config >= 0 ? w!.test.get(config) : undefined;
    const usable = first && first.error === '' && test && test.error === '';
    return {
      index: win.index,
      train: isoPair(win.train),
      test: isoPair(win.test),
      best: usable
        ? { params: configs[config]!, config, trainMetric: first.metrics[by.key]!, test: test.metrics }
        : null,
    };
  });
  let compounded = 1;
  let metricSum = 0;
  let counted = 0;
  let worst = 0;
  const times = new Map<number, number>();
  for (const o of outcomes) {
    if (!o.best) continue;
    counted++;
    compounded *= 1 + (o.best.test['total_return'] ?? 0);
    metricSum += o.best.test[by.key] ?? Number.NaN;
    worst = Math.max(worst, o.best.test['max_drawdown'] ?? 0);
    times.set(o.best.config, (times.get(o.best.config) ?? 0) + 1);
  }
  return {
    windows: outcomes,
    outOfSample: {
      windows: counted,
      compoundedReturn: compounded - 1,
      meanMetric: counted > 0 ? metricSum / counted : Number.NaN,
      worstDrawdown: worst,
    },
    chosen: [...times.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([c, n]) => ({ params: configs[c]!, times: n })),
  };
}

export function formatWalkForward(r: WalkForwardReport, by: RankBy): string[] {
  const fmt = (x: number | undefined) =>
    x === undefined ? '-' : PCT_METRICS.has(by.key) ? pct(x) : num(x, 3);
  const span = (p: readonly [string, string]) => `${p[0].slice(0, 10)}→${p[1].slice(0, 10)}`;
  const extra = by.key === 'total_return' ? [] : ['test return'];
  const head = [
    'window',
    'train',
    'test',
    `train ${by.key}`,
    `test ${by.key}`,
    ...extra,
    'test max dd',
    'params',
  ];
  const body = r.windows.map((o) => {
    const b = o.best;
    const fixed = [String(o.index), span(o.train), span(o.test)];
    if (!b) return [...fixed, '-', '-', ...extra.map(() => '-'), '-', '(no usable result)'];
    return [
      ...fixed,
      fmt(b.trainMetric),
      fmt(b.test[by.key]),
      ...extra.map(() => pct(b.test['total_return'] ?? Number.NaN)),
      pct(b.test['max_drawdown'] ?? Number.NaN),
      paramsText(b.params),
    ];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) =>
        c === row.length - 1
          ? cell
          : c === 1 || c === 2
            ? cell.padEnd(widths[c]!)
            : cell.padStart(widths[c]!),
      )
      .join('  ');
  const oos = r.outOfSample;
  return [
    line(head),
    ...body.map(line),
    '',
    `out of sample, the ${oos.windows} test windows chained: return ${pct(oos.compoundedReturn)}, ` +
      `mean ${by.key} ${fmt(oos.meanMetric)}, worst window drawdown ${pct(oos.worstDrawdown)}`,
  ];
}
