import { type FieldName, SCHEMA, type SchemaKey, type TagName } from '../schema';

/**
 * The Grafana dashboards, generated from {@link SCHEMA} so a query can only name a measurement,
 * field or tag the monitor writes. `npm run dashboards -w @algotrader/monitor` writes them to
 * `infra/grafana/dashboards/`; a test fails when the files are out of date.
 *
 * Queries are plain InfluxQL (aggregates over `GROUP BY time($__interval)` and tags, no
 * subqueries or math between series), so they run on InfluxDB 1.8+, on 2.x through the DBRP
 * mapping the init script creates, and on 3.x.
 */
export const DATASOURCE_UID = 'algotrader-influx';

type Agg = 'mean' | 'max' | 'min' | 'last' | 'sum';

interface Target {
  query: string;
  /** Legend, Grafana alias syntax (`$tag_account`). */
  alias?: string;
  format?: 'time_series' | 'table';
}

interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  type?: 'timeseries' | 'table' | 'stat';
  targets: Target[];
  /** Grid width (of 24). Default 12. */
  width?: number;
  /** For time series: bars instead of lines (counts per interval). */
  bars?: boolean;
}

interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  from: string;
  panels: PanelSpec[];
}

function q(s: string): string {
  return `"${s}"`;
}

/** `SELECT agg("field") FROM "measurement" WHERE $timeFilter GROUP BY time($__interval), "tag" … fill(none)` */
function series<K extends SchemaKey>(
  key: K,
  agg: Agg,
  field: FieldName<K>,
  groupBy: readonly TagName<K>[],
  as?: string,
): string {
  const group = ['time($__interval)', ...groupBy.map(q)].join(', ');
  return `SELECT ${agg}(${q(field)})${as ? ` AS ${q(as)}` : ''} FROM ${q(SCHEMA[key].measurement)} WHERE $timeFilter GROUP BY ${group} fill(none)`;
}

/** The latest value of each field per tag combination over the range (a table). */
function latest<K extends SchemaKey>(
  key: K,
  fields: readonly FieldName<K>[],
  groupBy: readonly TagName<K>[],
): string {
  const sel = fields.map((f) => `last(${q(f)}) AS ${q(f)}`).join(', ');
  return `SELECT ${sel} FROM ${q(SCHEMA[key].measurement)} WHERE $timeFilter GROUP BY ${groupBy.map(q).join(', ')}`;
}

const alias = (...tags: string[]) => tags.map((t) => `$tag_${t}`).join(' ');

/** One line per combination of `groupBy`: `agg(field)` of `key`, its legend the tag values. */
function byTags<K extends SchemaKey>(
  key: K,
  agg: Agg,
  field: FieldName<K>,
  groupBy: readonly TagName<K>[],
): Target {
  return { query: series(key, agg, field, groupBy), alias: alias(...groupBy) };
}

/** The measurements tagged by account. */
type AccountKey = { [K in SchemaKey]: 'account' extends TagName<K> ? K : never }[SchemaKey];

/** A named line per account: `agg(field)` of `key` as `name`, its legend `<account> <name>`. */
function accountLine<K extends AccountKey>(key: K, agg: Agg, field: FieldName<K>, name: string): Target {
  return { query: series(key, agg, field, ['account' as TagName<K>], name), alias: `$tag_account ${name}` };
}

const DASHBOARDS: DashboardSpec[] = [
  {
    uid: 'algotrader-data',
    title: 'AlgoTrader · Data integrity',
    description: 'Is market data arriving complete and on time? (bar_health, written by the monitor)',
    from: 'now-24h',
    panels: [
      {
        title: 'Latest-bar lag',
        description:
          'Now minus the close time of the latest bar, per instrument and timeframe. Normal: below one timeframe plus the collector delay.',
        unit: 's',
        targets: [byTags('bars', 'max', 'lag_s', ['instrument', 'timeframe'])],
      },
      {
        title: 'Bar gap rate',
        description:
          'Missing bars / expected bars, per instrument and timeframe. Anything above 0 is a gap the collector did not fill.',
        unit: 'percentunit',
        targets: [byTags('bars', 'mean', 'gap_rate', ['instrument', 'timeframe'])],
      },
      {
        title: 'Missing bars',
        description: 'Bars skipped in the open-time sequence, per interval.',
        unit: 'short',
        bars: true,
        targets: [byTags('bars', 'sum', 'missing', ['instrument', 'timeframe'])],
      },
      {
        title: 'Bars received',
        description: 'Closed bars seen on md.bar.>, per interval.',
        unit: 'short',
        bars: true,
        targets: [byTags('bars', 'sum', 'bars', ['instrument', 'timeframe'])],
      },
      {
        title: 'Duplicate or out-of-order bars',
        description: 'Bars whose open time was not after the latest one (redeliveries, replays).',
        unit: 'short',
        bars: true,
        targets: [byTags('bars', 'sum', 'out_of_order', ['instrument', 'timeframe'])],
      },
      {
        title: 'Stale instruments',
        description:
          '1 = no bar for longer than one timeframe plus the grace period (the monitor also alerts).',
        unit: 'short',
        type: 'table',
        targets: [
          { query: latest('bars', ['stale', 'lag_s'], ['instrument', 'timeframe']), format: 'table' },
        ],
      },
    ],
  },
  {
    uid: 'algotrader-trading',
    title: 'AlgoTrader · Trading health',
    description: 'Do orders reach the broker and fill? (orders, risk_rejections)',
    from: 'now-7d',
    panels: [
      {
        title: 'Order success rate',
        description: 'Filled / ended orders (filled, canceled, broker-rejected, expired), per account.',
        unit: 'percentunit',
        targets: [byTags('orders', 'mean', 'success_rate', ['account'])],
      },
      {
        title: 'Order outcomes',
        description: 'Orders submitted, filled, canceled and refused by the broker, per interval.',
        unit: 'short',
        bars: true,
        targets: [
          accountLine('orders', 'sum', 'submitted', 'submitted'),
          accountLine('orders', 'sum', 'filled', 'filled'),
          accountLine('orders', 'sum', 'canceled', 'canceled'),
          {
            query: series('orders', 'sum', 'broker_rejected', ['account'], 'broker_rejected'),
            alias: '$tag_account broker rejected',
          },
        ],
      },
      {
        title: 'Cancels',
        description: 'Orders that ended CANCELED, per interval.',
        unit: 'short',
        bars: true,
        targets: [byTags('orders', 'sum', 'canceled', ['account'])],
      },
      {
        title: 'Fill latency',
        description: 'From the first order event (submission) to each fill: mean and worst per interval.',
        unit: 'ms',
        targets: [
          accountLine('orders', 'mean', 'fill_latency_ms_avg', 'mean'),
          accountLine('orders', 'max', 'fill_latency_ms_max', 'max'),
        ],
      },
      {
        title: 'Risk rejections by reason',
        description: 'Orders the risk gate refused, per reason code.',
        unit: 'short',
        bars: true,
        targets: [byTags('rejections', 'sum', 'count', ['account', 'reason'])],
      },
      {
        title: 'Risk reject rate',
        description: 'Refused / (approved + refused) orders, per account.',
        unit: 'percentunit',
        targets: [byTags('orders', 'mean', 'reject_rate', ['account'])],
      },
    ],
  },
  {
    uid: 'algotrader-risk',
    title: 'AlgoTrader · Risk',
    description: 'How much is at stake and how far below the peak? (account, position)',
    from: 'now-7d',
    panels: [
      {
        title: 'Drawdown',
        description: 'Equity below its peak (0.1 = 10 %); the monitor alerts beyond its limit.',
        unit: 'percentunit',
        targets: [byTags('account', 'max', 'drawdown', ['account'])],
      },
      {
        title: 'Daily P&L (daily loss)',
        description: 'Equity change since the start of the UTC day; negative = the day’s loss.',
        unit: 'short',
        targets: [byTags('account', 'last', 'daily_pnl', ['account'])],
      },
      {
        title: 'Daily P&L %',
        description: 'Daily P&L relative to the day’s opening equity.',
        unit: 'percentunit',
        targets: [byTags('account', 'last', 'daily_pnl_pct', ['account'])],
      },
      {
        title: 'Exposure',
        description: 'Gross (sum of |notional|) and net exposure, quote currency.',
        unit: 'short',
        targets: [
          accountLine('account', 'last', 'gross_exposure', 'gross'),
          accountLine('account', 'last', 'net_exposure', 'net'),
        ],
      },
      {
        title: 'Exposure / equity',
        description: 'Gross exposure as a fraction of equity.',
        unit: 'percentunit',
        targets: [byTags('account', 'last', 'exposure_pct', ['account'])],
      },
      {
        title: 'Largest single-instrument exposure',
        description: 'The biggest |notional| of any one instrument, as a fraction of equity.',
        unit: 'percentunit',
        targets: [byTags('account', 'last', 'max_instrument_exposure_pct', ['account'])],
      },
      {
        title: 'Exposure by instrument',
        description: 'Notional per position (quantity × mark), quote currency.',
        unit: 'short',
        width: 24,
        targets: [byTags('position', 'last', 'notional', ['account', 'instrument'])],
      },
    ],
  },
  {
    uid: 'algotrader-system',
    title: 'AlgoTrader · System',
    description:
      'Are the services alive and keeping up, and is there room to store? (js_consumer, js_stream, js_stream_storage, js_store, service)',
    from: 'now-6h',
    panels: [
      {
        title: 'Consumer lag',
        description:
          'Messages not yet delivered to each durable consumer (num_pending). The monitor alerts above its limit.',
        unit: 'short',
        targets: [byTags('consumer', 'max', 'num_pending', ['stream', 'consumer'])],
      },
      {
        title: 'Awaiting acknowledgement',
        description: 'Delivered but not yet acknowledged (num_ack_pending).',
        unit: 'short',
        targets: [byTags('consumer', 'max', 'num_ack_pending', ['stream', 'consumer'])],
      },
      {
        title: 'Redeliveries',
        description:
          'Messages delivered more than once and still unacknowledged (num_redelivered): failing handlers.',
        unit: 'short',
        targets: [byTags('consumer', 'max', 'num_redelivered', ['stream', 'consumer'])],
      },
      {
        title: 'Stream size',
        description: 'Messages stored per stream.',
        unit: 'short',
        targets: [byTags('stream', 'last', 'messages', ['stream'])],
      },
      {
        title: 'Stream storage used',
        description:
          "Bytes (or messages) stored / the stream's max_bytes (or max_msgs), per stream with a limit. The monitor raises store_nearly_full at MONITOR_STORAGE_WARN_RATIO (80 %): raise NATS_STREAM_MAX_BYTES or free space before the stream refuses messages.",
        unit: 'percentunit',
        targets: [
          { query: series('streamStorage', 'max', 'used_ratio', ['stream']), alias: alias('stream') },
        ],
      },
      {
        title: 'JetStream store used',
        description:
          "Store-wide use against its limit: scope server = the nats-server store against max_file_store (/jsz), account = the account limit, disk = the store's volume (when the monitor sees it). At 100 % every stream, OPS included, refuses messages; a full disk wedges nats-server.",
        unit: 'percentunit',
        targets: [{ query: series('store', 'max', 'used_ratio', ['scope']), alias: alias('scope') }],
      },
      {
        title: 'Service up',
        description: '1 when an instance sent a heartbeat within the timeout.',
        unit: 'short',
        targets: [byTags('service', 'min', 'up', ['service'])],
      },
      {
        title: 'Heartbeat age',
        description: 'Seconds since the latest heartbeat of each service.',
        unit: 's',
        targets: [byTags('service', 'max', 'heartbeat_age_s', ['service'])],
      },
      {
        title: 'Service restarts',
        description: 'Process starts seen in heartbeats, per interval.',
        unit: 'short',
        bars: true,
        targets: [byTags('service', 'sum', 'restarts', ['service'])],
      },
      {
        title: 'Error count',
        description:
          'Increase of the error counters services report (handler, decode, publish errors, dead letters, logged errors).',
        unit: 'short',
        bars: true,
        targets: [byTags('service', 'sum', 'errors', ['service'])],
      },
    ],
  },
  {
    uid: 'algotrader-perp',
    title: 'AlgoTrader · Perpetual swaps',
    description:
      'Funding, leverage and how far from liquidation, per swap account. (swap_account, swap_position, written by the order-router)',
    from: 'now-7d',
    panels: [
      {
        title: 'Funding P&L',
        description: 'Net funding since the account opened (received − paid), quote currency.',
        unit: 'short',
        targets: [byTags('swapAccount', 'last', 'funding_pnl', ['account'])],
      },
      {
        title: 'Funding P&L by swap',
        description: 'Net funding per instrument, quote currency.',
        unit: 'short',
        targets: [byTags('swapPosition', 'last', 'funding_pnl', ['account', 'instrument'])],
      },
      {
        title: 'Leverage',
        description: 'Gross swap notional / equity per account, and |notional| / equity per instrument.',
        unit: 'short',
        targets: [
          {
            query: series('swapAccount', 'last', 'leverage', ['account'], 'account'),
            alias: '$tag_account',
          },
          byTags('swapPosition', 'last', 'leverage', ['account', 'instrument']),
        ],
      },
      {
        title: 'Margin ratio',
        description:
          'OKX margin ratio per position (1 = liquidation; the risk gate alerts and halts at its levels).',
        unit: 'short',
        targets: [byTags('swapPosition', 'min', 'margin_ratio', ['account', 'instrument'])],
      },
      {
        title: 'Liquidation distance',
        description:
          'How far the mark may move before the position is liquidated: |mark − liquidation| / mark.',
        unit: 'percentunit',
        targets: [byTags('swapPosition', 'min', 'liquidation_distance', ['account', 'instrument'])],
      },
      {
        title: 'Liquidation losses',
        description: 'Margin and collateral lost to liquidations since the account opened, quote currency.',
        unit: 'short',
        targets: [byTags('swapAccount', 'last', 'liquidation_loss', ['account'])],
      },
    ],
  },
  {
    uid: 'algotrader-pnl',
    title: 'AlgoTrader · P&L and equity',
    description: 'What the accounts are worth. (account, position)',
    from: 'now-30d',
    panels: [
      {
        title: 'Equity',
        description: 'Account equity and its running peak, quote currency.',
        unit: 'short',
        width: 24,
        targets: [
          accountLine('account', 'last', 'equity', 'equity'),
          accountLine('account', 'last', 'peak_equity', 'peak'),
        ],
      },
      {
        title: 'Daily P&L',
        description: 'Equity change since the start of each UTC day.',
        unit: 'short',
        targets: [byTags('account', 'last', 'daily_pnl', ['account'])],
      },
      {
        title: 'Realized and unrealized P&L',
        description: 'Summed over positions, quote currency.',
        unit: 'short',
        targets: [
          accountLine('account', 'last', 'realized_pnl', 'realized'),
          accountLine('account', 'last', 'unrealized_pnl', 'unrealized'),
        ],
      },
      {
        title: 'Cash',
        description: 'Quote-currency cash per account.',
        unit: 'short',
        targets: [byTags('account', 'last', 'cash', ['account'])],
      },
      {
        title: 'Unrealized P&L by position',
        description: 'Per instrument, quote currency.',
        unit: 'short',
        targets: [byTags('position', 'last', 'unrealized_pnl', ['account', 'instrument'])],
      },
    ],
  },
  {
    uid: 'algotrader-backtests',
    title: 'AlgoTrader · Backtest comparison',
    description: 'Nightly batch backtests side by side. (backtest, written by the batch-backtest job)',
    from: 'now-90d',
    panels: [
      {
        title: 'Latest run per strategy',
        description: 'The most recent batch result of each strategy.',
        unit: 'short',
        type: 'table',
        width: 24,
        targets: [
          {
            query: latest(
              'backtest',
              ['total_return', 'cagr', 'sharpe', 'max_drawdown', 'win_rate', 'trades'],
              ['strategy'],
            ),
            format: 'table',
          },
        ],
      },
      {
        title: 'Total return by run',
        description: 'Final equity / initial equity − 1 of each nightly run.',
        unit: 'percentunit',
        targets: [byTags('backtest', 'last', 'total_return', ['strategy'])],
      },
      {
        title: 'Sharpe by run',
        description: 'Annualised Sharpe ratio of each nightly run.',
        unit: 'short',
        targets: [byTags('backtest', 'last', 'sharpe', ['strategy'])],
      },
      {
        title: 'Max drawdown by run',
        description: 'Largest peak-to-trough drop of each nightly run.',
        unit: 'percentunit',
        targets: [byTags('backtest', 'last', 'max_drawdown', ['strategy'])],
      },
      {
        title: 'Trades by run',
        description: 'Closed trades of each nightly run.',
        unit: 'short',
        targets: [byTags('backtest', 'last', 'trades', ['strategy'])],
      },
    ],
  },
];

const DATASOURCE = { type: 'influxdb', uid: DATASOURCE_UID } as const;

function panelJson(p: PanelSpec, id: number, x: number, y: number): Record<string, unknown> {
  const type = p.type ?? 'timeseries';
  const targets = p.targets.map((t, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: DATASOURCE,
    query: t.query,
    rawQuery: true,
    resultFormat: t.format ?? 'time_series',
    ...(t.alias ? { alias: t.alias } : {}),
  }));
  const custom =
    type === 'timeseries'
      ? {
          drawStyle: p.bars ? 'bars' : 'line',
          lineWidth: 1,
          fillOpacity: p.bars ? 80 : 10,
          spanNulls: true,
          showPoints: 'never',
        }
      : {};
  return {
    id,
    type,
    title: p.title,
    description: p.description,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: p.width ?? 12, x, y },
    targets,
    fieldConfig: { defaults: { unit: p.unit, custom }, overrides: [] },
    options:
      type === 'timeseries'
        ? {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi' },
          }
        : type === 'table'
          ? { showHeader: true }
          : { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
  };
}

function dashboardJson(d: DashboardSpec): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [];
  let x = 0;
  let y = 0;
  d.panels.forEach((p, i) => {
    const w = p.width ?? 12;
    if (x + w > 24) {
      x = 0;
      y += 8;
    }
    panels.push(panelJson(p, i + 1, x, y));
    x += w;
  });
  return {
    uid: d.uid,
    title: d.title,
    description: d.description,
    tags: ['algotrader'],
    timezone: 'utc',
    editable: true,
    graphTooltip: 1,
    refresh: '30s',
    schemaVersion: 39,
    version: 1,
    time: { from: d.from, to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** File name (under infra/grafana/dashboards) → dashboard JSON. */
export function buildDashboards(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const d of DASHBOARDS) out[`${d.uid.replace(/^algotrader-/, '')}.json`] = dashboardJson(d);
  return out;
}

/** The file text as written: two-space JSON and a final newline. */
export function dashboardFileText(json: Record<string, unknown>): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}
