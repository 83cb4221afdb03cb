import {
  BACKTEST_MEASUREMENT,
  type MetricsSink,
  SWAP_ACCOUNT_MEASUREMENT,
  SWAP_POSITION_MEASUREMENT,
} from '@algotrader/metrics';

/**
 * Every measurement the monitor (and the batch-backtest job) writes to InfluxDB: the one place the
 * Grafana dashboards (`infra/grafana`) and their README take their names from. All fields are
 * floats (the metrics sink writes every number as a float, so a field never changes type).
 *
 * Renaming anything here breaks stored history and the dashboards: add, do not rename.
 */
export const SCHEMA = {
  /** One point per durable JetStream consumer per sample. */
  consumer: {
    measurement: 'js_consumer',
    tags: ['stream', 'consumer'],
    fields: {
      num_pending: 'messages matching the filter not yet delivered (the backlog)',
      num_ack_pending: 'delivered, not yet acknowledged',
      num_redelivered: 'delivered more than once and not yet acknowledged',
      num_waiting: 'pull requests waiting for messages',
      delivered_seq: 'last stream sequence delivered',
      ack_floor_seq: 'stream sequence below which everything is acknowledged',
    },
  },
  /** One point per stream per sample. */
  stream: {
    measurement: 'js_stream',
    tags: ['stream'],
    fields: {
      messages: 'messages stored',
      bytes: 'bytes stored',
      consumers: 'consumers (durable and ephemeral)',
      last_seq: 'last sequence',
    },
  },
  /** One point per stream per storage check (MONITOR_STORAGE_EVERY_MS): how full it is. */
  streamStorage: {
    measurement: 'js_stream_storage',
    tags: ['stream'],
    fields: {
      bytes: 'bytes stored',
      max_bytes: "the stream's max_bytes (-1 = none)",
      bytes_ratio: 'bytes / max_bytes; only written when the stream has a max_bytes',
      messages: 'messages stored',
      max_msgs: "the stream's max_msgs (-1 = none)",
      msgs_ratio: 'messages / max_msgs; only written when the stream has a max_msgs',
      used_ratio:
        'the larger of bytes_ratio and msgs_ratio (store_nearly_full fires at MONITOR_STORAGE_WARN_RATIO)',
    },
  },
  /**
   * One point per store-wide figure per storage check: scope `account` ($JS.API.INFO), `server`
   * (nats-server /jsz, max_file_store) and `disk` (statfs of MONITOR_JS_STORE_DIR) when readable.
   */
  store: {
    measurement: 'js_store',
    tags: ['scope'],
    fields: {
      used_bytes: 'bytes used',
      limit_bytes: 'the limit (-1 = none known)',
      free_bytes: 'limit_bytes - used_bytes; only with a limit',
      used_ratio: 'used_bytes / limit_bytes; only with a limit',
    },
  },
  /** One point per storage check: its own health. */
  storageCheck: {
    measurement: 'js_storage_check',
    tags: [],
    fields: {
      streams: 'streams read',
      read_errors:
        'sources that could not be read (stream list, account info, /jsz, disk), since the monitor started',
    },
  },
  /** One point per instrument and timeframe seen on md.bar.> per sample. */
  bars: {
    measurement: 'bar_health',
    tags: ['instrument', 'timeframe'],
    fields: {
      lag_s: 'now minus the close time of the latest bar, seconds',
      bars: 'bars received since the previous sample',
      missing: 'bars skipped (gaps in open times) since the previous sample',
      gap_rate: 'missing / (bars + missing) since the previous sample; only written when either is > 0',
      out_of_order: 'duplicate or older-than-latest bars since the previous sample',
      stale: '1 when the latest bar is older than one timeframe plus the grace period, else 0',
    },
  },
  /** One point per account per sample, from the latest exec.position snapshot. */
  account: {
    measurement: 'account',
    tags: ['account'],
    fields: {
      equity: 'equity, quote currency',
      cash: 'cash, quote currency',
      peak_equity: 'highest valued equity of the account (its Account keeps it)',
      drawdown: '1 - equity / peak_equity (0.12 = 12 % below the peak)',
      daily_pnl: 'equity minus the equity at the start of the account day, quote currency (negative = loss)',
      daily_pnl_pct: 'daily_pnl / equity at the start of the account day',
      gross_exposure: 'sum of |quantity x mark price| over positions',
      net_exposure: 'sum of quantity x mark price over positions',
      exposure_pct: 'gross_exposure / equity',
      max_instrument_exposure: 'largest |quantity x mark price| of a single instrument',
      max_instrument_exposure_pct: 'max_instrument_exposure / equity',
      positions: 'number of non-zero positions',
      realized_pnl: 'sum of realized P&L over positions',
      unrealized_pnl: 'sum of unrealized P&L over positions',
    },
  },
  /** One point per non-zero position per sample. */
  position: {
    measurement: 'position',
    tags: ['account', 'instrument'],
    fields: {
      quantity: 'base units',
      notional: 'quantity x mark price, quote currency',
      mark_price: 'mark price (average price when the broker gives none)',
      unrealized_pnl: 'quote currency',
      exposure_pct: '|notional| / account equity',
    },
  },
  /** One point per account with order activity since the previous sample. */
  orders: {
    measurement: 'orders',
    tags: ['account'],
    fields: {
      approved: 'orders the risk gate approved (ord.approved)',
      risk_rejected: 'orders the risk gate refused (ord.rejected)',
      submitted: 'orders that reached the broker (SUBMITTED)',
      filled: 'orders that ended FILLED',
      canceled: 'orders that ended CANCELED',
      broker_rejected: 'orders the broker refused (REJECTED)',
      expired: 'orders that ended EXPIRED',
      fills: 'executions (exec.fill)',
      success_rate: 'filled / (filled + canceled + broker_rejected + expired); only written when > 0 ended',
      reject_rate: 'risk_rejected / (approved + risk_rejected); only written when either is > 0',
      fill_latency_ms_avg: 'mean time from the first order event (submission) to a fill, ms',
      fill_latency_ms_max: 'largest submission-to-fill time, ms',
    },
  },
  /** One point per account and reason with rejections since the previous sample. */
  rejections: {
    measurement: 'risk_rejections',
    tags: ['account', 'reason'],
    fields: { count: 'rejections since the previous sample' },
  },
  /** One point per service that ever sent a heartbeat or is expected, per sample. */
  service: {
    measurement: 'service',
    tags: ['service'],
    fields: {
      up: '1 when an instance sent a heartbeat within the timeout, else 0',
      heartbeat_age_s: 'seconds since the latest heartbeat of any instance',
      instances: 'instances with a heartbeat within the timeout',
      restarts: 'process starts seen since the previous sample (new started_ms of an instance)',
      errors: 'increase of the error counters the service reports in its heartbeat gauges',
      uptime_s: 'uptime of the longest-running live instance, seconds',
    },
  },
  /** Written once per backtest run: the nightly batch (writeBacktestSummary) and `algotrader backtest`. */
  backtest: {
    measurement: BACKTEST_MEASUREMENT,
    tags: ['strategy', 'run'],
    fields: {
      total_return: 'final equity / initial equity - 1',
      cagr: 'compound annual growth rate',
      sharpe: 'annualised Sharpe ratio',
      max_drawdown: 'largest peak-to-trough drop, fraction',
      trades: 'closed trades',
      win_rate: 'winning trades / trades',
      final_equity: 'quote currency',
    },
  },
  /**
   * Written by the order-router (paper and OKX swap venues, apps/order-router swap-metrics.ts)
   * after each saved account state, stamped at the book's valuation time: one point per account
   * holding swaps.
   */
  swapAccount: {
    measurement: SWAP_ACCOUNT_MEASUREMENT,
    tags: ['account'],
    fields: {
      equity: 'account equity, quote currency',
      funding_pnl: 'net funding over all swaps since the account opened: received - paid, quote currency',
      leverage: 'gross swap notional (sum of abs(quantity x mark)) / equity',
      liquidation_loss: 'margin and collateral lost to liquidations, quote currency',
      positions: 'open swap positions',
      min_margin_ratio:
        'lowest OKX margin ratio over open positions (1 = liquidation); only while one is open',
      min_liquidation_distance: 'smallest liquidation distance over open positions; only while one is open',
    },
  },
  /** Written with `swapAccount`: one point per swap instrument of the account. */
  swapPosition: {
    measurement: SWAP_POSITION_MEASUREMENT,
    tags: ['account', 'instrument'],
    fields: {
      quantity: 'signed base units (> 0 long, < 0 short)',
      notional: 'quantity x mark price, signed, quote currency',
      mark_price: 'mark price the book values the position at',
      funding_pnl: 'net funding of this swap since the account opened: received - paid, quote currency',
      leverage: 'abs(notional) / account equity',
      margin: 'isolated margin posted (0 for cross)',
      margin_ratio: 'OKX margin ratio (1 = liquidation); only while a position is open',
      liquidation_price: 'mark price at which the position is liquidated; only while open',
      liquidation_distance: 'abs(mark - liquidation price) / mark; only while open',
    },
  },
} as const;

export type SchemaKey = keyof typeof SCHEMA;
export type FieldName<K extends SchemaKey> = keyof (typeof SCHEMA)[K]['fields'] & string;
export type TagName<K extends SchemaKey> = (typeof SCHEMA)[K]['tags'][number];
export type FieldValues<K extends SchemaKey> = Partial<Record<FieldName<K>, number>>;
export type TagValues<K extends SchemaKey> = Record<TagName<K>, string>;

/** Heartbeat gauges summed into `service.errors` (bus counters and what services add themselves). */
export const ERROR_GAUGES = [
  'errors',
  'logErrors',
  'handlerErrors',
  'decodeErrors',
  'publishFailures',
  'deadLettered',
] as const;

/** Writes one point of a schema measurement, type-checked against {@link SCHEMA}. */
export function writePoint<K extends SchemaKey>(
  sink: MetricsSink,
  key: K,
  tags: TagValues<K>,
  fields: FieldValues<K>,
  timeMs: number,
): void {
  const clean: Record<string, number> = {};
  for (const [k, v] of Object.entries(fields) as [string, number | undefined][]) {
    if (v !== undefined && Number.isFinite(v)) clean[k] = v;
  }
  if (Object.keys(clean).length === 0) return;
  sink.point(SCHEMA[key].measurement, tags as Record<string, string>, clean, timeMs);
}

export interface BacktestSummary {
  strategy: string;
  /** Run id, e.g. `nightly-2026-01-02` or a parameter-sweep cell. */
  run: string;
  totalReturn: number;
  cagr?: number;
  sharpe?: number;
  maxDrawdown?: number;
  trades?: number;
  winRate?: number;
  finalEquity?: number;
  /** When the run finished, ms UTC. */
  timeMs: number;
}

/** Records a batch-backtest result for the backtest-comparison dashboard. */
export function writeBacktestSummary(sink: MetricsSink, s: BacktestSummary): void {
  writePoint(
    sink,
    'backtest',
    { strategy: s.strategy, run: s.run },
    {
      total_return: s.totalReturn,
      ...(s.cagr !== undefined ? { cagr: s.cagr } : {}),
      ...(s.sharpe !== undefined ? { sharpe: s.sharpe } : {}),
      ...(s.maxDrawdown !== undefined ? { max_drawdown: s.maxDrawdown } : {}),
      ...(s.trades !== undefined ? { trades: s.trades } : {}),
      ...(s.winRate !== undefined ? { win_rate: s.winRate } : {}),
      ...(s.finalEquity !== undefined ? { final_equity: s.finalEquity } : {}),
    },
    s.timeMs,
  );
}
