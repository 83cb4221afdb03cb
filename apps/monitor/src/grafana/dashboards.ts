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
        targets: [
          {
            query: series('bars', 'max', 'lag_s', ['instrument', 'timeframe']),
            alias: alias('instrument', 'timeframe'),
          },
        ],
      },
      {
        title: 'Bar gap rate',
        description:
          'Missing bars / expected bars, per instrument and timeframe. Anything above 0 is a gap the collector did not fill.',
        unit: 'percentunit',
        targets: [
          {
            query: series('bars', 'mean', 'gap_rate', ['instrument', 'timeframe']),
            alias: alias('instrument', 'timeframe'),
          },
        ],
      },
      {
        title: 'Missing bars',
        description: 'Bars skipped in the open-time sequence, per interval.',
        unit: 'short',
        bars: true,
        targets: [
          {
            query: series('bars', 'sum', 'missing', ['instrument', 'timeframe']),
            alias: alias('instrument', 'timeframe'),
          },
        ],
      },
      {
        title: 'Bars received',
        description: 'Closed bars seen on md.bar.>, per interval.',
        unit: 'short',
        bars: true,
        targets: [
          {
            query: series('bars', 'sum', 'bars', ['instrument', 'timeframe']),
            alias: alias('instrument', 'timeframe'),
          },
        ],
      },
      {
        title: 'Duplicate or out-of-order bars',
        description: 'Bars whose open time was not after the latest one (redeliveries, replays).',
        unit: 'short',
        bars: true,
        targets: [
          {
            query: series('bars', 'sum', 'out_of_order', ['instrument', 'timeframe']),
            alias: alias('instrument', 'timeframe'),
          },
        ],
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
        targets: [{ query: series('orders', 'mean', 'success_rate', ['account']), alias: alias('account') }],
      },
      {
        title: 'Order outcomes',
        description: 'Orders submitted, filled, canceled and refused by the broker, per interval.',
        unit: 'short',
        bars: true,
        targets: [
          {
            query: series('orders', 'sum', 'submitted', ['account'], 'submitted'),
            alias: '$tag_account submitted',
          },
          { query: series('orders', 'sum', 'filled', ['account'], 'filled'), alias: '$tag_account filled' },
          {
            query: series('orders', 'sum', 'canceled', ['account'], 'canceled'),
            alias: '$tag_account canceled',
          },
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
        targets: [{ query: series('orders', 'sum', 'canceled', ['account']), alias: alias('account') }],
      },
      {
        title: 'Fill latency',
        description: 'From the first order event (submission) to each fill: mean and worst per interval.',
        unit: 'ms',
        targets: [
          {
            query: series('orders', 'mean', 'fill_latency_ms_avg', ['account'], 'mean'),
            alias: '$tag_account mean',
          },
          {
            query: series('orders', 'max', 'fill_latency_ms_max', ['account'], 'max'),
            alias: '$tag_account max',
          },
        ],
      },
      {
        title: 'Risk rejections by reason',
        description: 'Orders the risk gate refused, per reason code.',
        unit: 'short',
        bars: true,
        targets: [
          {
            query: series('rejections', 'sum', 'count', ['account', 'reason']),
            alias: alias('account', 'reason'),
          },
        ],
      },
      {
        title: 'Risk reject rate',
        description: 'Refused / (approved + refused) orders, per account.',
        unit: 'percentunit',
        targets: [{ query: series('orders', 'mean', 'reject_rate', ['account']), alias: alias('account') }],
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
        targets: [{ query: series('account', 'max', 'drawdown', ['account']), alias: alias('account') }],
      },
      {
        title: 'Daily P&L (daily loss)',
        description: 'Equity change since the start of the UTC day; negative = the day’s loss.',
        unit: 'short',
        targets: [{ query: series('account', 'last', 'daily_pnl', ['account']), alias: alias('account') }],
      },
      {
        title: 'Daily P&L %',
        description: 'Daily P&L relative to the day’s opening equity.',
        unit: 'percentunit',
        targets: [
          { query: series('account', 'last', 'daily_pnl_pct', ['account']), alias: alias('account') },
        ],
      },
      {
        title: 'Exposure',
        description: 'Gross (sum of |notional|) and net exposure, quote currency.',
        unit: 'short',
        targets: [
          {
            query: series('account', 'last', 'gross_exposure', ['account'], 'gross'),
            alias: '$tag_account gross',
          },
          { query: series('account', 'last', 'net_exposure', ['account'], 'net'), alias: '$tag_account net' },
        ],
      },
      {
        title: 'Exposure / equity',
        description: 'Gross exposure as a fraction of equity.',
        unit: 'percentunit',
        targets: [{ query: series('account', 'last', 'exposure_pct', ['account']), alias: alias('account') }],
      },
      {
        title: 'Largest single-instrument exposure',
        description: 'The biggest |notional| of any one instrument, as a fraction of equity.',
        unit: 'percentunit',
        targets: [
          {
            query: series('account', 'last', 'max_instrument_exposure_pct', ['account']),
            alias: alias('account'),
          },
        ],
      },
      {
        title: 'Exposure by instrument',
        description: 'Notional per position (quantity × mark), quote currency.',
        unit: 'short',
        width: 24,
        targets: [
          {
            query: series('position', 'last', 'notional', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
      },
    ],
  },
  {
    uid: 'algotrader-system',
    title: 'AlgoTrader · System',
    description: 'Are the services alive and keeping up? (js_consumer, js_stream, service)',
    from: 'now-6h',
    panels: [
      {
        title: 'Consumer lag',
        description:
          'Messages not yet delivered to each durable consumer (num_pending). The monitor alerts above its limit.',
        unit: 'short',
        targets: [
          {
            query: series('consumer', 'max', 'num_pending', ['stream', 'consumer']),
            alias: alias('stream', 'consumer'),
          },
        ],
      },
      {
        title: 'Awaiting acknowledgement',
        description: 'Delivered but not yet acknowledged (num_ack_pending).',
        unit: 'short',
        targets: [
          {
            query: series('consumer', 'max', 'num_ack_pending', ['stream', 'consumer']),
            alias: alias('stream', 'consumer'),
          },
        ],
      },
      {
        title: 'Redeliveries',
        description:
          'Messages delivered more than once and still unacknowledged (num_redelivered): failing handlers.',
        unit: 'short',
        targets: [
          {
            query: series('consumer', 'max', 'num_redelivered', ['stream', 'consumer']),
            alias: alias('stream', 'consumer'),
          },
        ],
      },
      {
        title: 'Stream size',
        description: 'Messages stored per stream.',
        unit: 'short',
        targets: [{ query: series('stream', 'last', 'messages', ['stream']), alias: alias('stream') }],
      },
      {
        title: 'Service up',
        description: '1 when an instance sent a heartbeat within the timeout.',
        unit: 'short',
        targets: [{ query: series('service', 'min', 'up', ['service']), alias: alias('service') }],
      },
      {
        title: 'Heartbeat age',
        description: 'Seconds since the latest heartbeat of each service.',
        unit: 's',
        targets: [
          { query: series('service', 'max', 'heartbeat_age_s', ['service']), alias: alias('service') },
        ],
      },
      {
        title: 'Service restarts',
        description: 'Process starts seen in heartbeats, per interval.',
        unit: 'short',
        bars: true,
        targets: [{ query: series('service', 'sum', 'restarts', ['service']), alias: alias('service') }],
      },
      {
        title: 'Error count',
        description:
          'Increase of the error counters services report (handler, decode, publish errors, dead letters, logged errors).',
        unit: 'short',
        bars: true,
        targets: [{ query: series('service', 'sum', 'errors', ['service']), alias: alias('service') }],
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
        targets: [
          { query: series('swapAccount', 'last', 'funding_pnl', ['account']), alias: alias('account') },
        ],
      },
      {
        title: 'Funding P&L by swap',
        description: 'Net funding per instrument, quote currency.',
        unit: 'short',
        targets: [
          {
            query: series('swapPosition', 'last', 'funding_pnl', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
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
          {
            query: series('swapPosition', 'last', 'leverage', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
      },
      {
        title: 'Margin ratio',
        description:
          'OKX margin ratio per position (1 = liquidation; the risk gate alerts and halts at its levels).',
        unit: 'short',
        targets: [
          {
            query: series('swapPosition', 'min', 'margin_ratio', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
      },
      {
        title: 'Liquidation distance',
        description:
          'How far the mark may move before the position is liquidated: |mark − liquidation| / mark.',
        unit: 'percentunit',
        targets: [
          {
            query: series('swapPosition', 'min', 'liquidation_distance', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
      },
      {
        title: 'Liquidation losses',
        description: 'Margin and collateral lost to liquidations since the account opened, quote currency.',
        unit: 'short',
        targets: [
          { query: series('swapAccount', 'last', 'liquidation_loss', ['account']), alias: alias('account') },
        ],
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
          { query: series('account', 'last', 'equity', ['account'], 'equity'), alias: '$tag_account equity' },
          {
            query: series('account', 'last', 'peak_equity', ['account'], 'peak'),
            alias: '$tag_account peak',
          },
        ],
      },
      {
        title: 'Daily P&L',
        description: 'Equity change since the start of each UTC day.',
        unit: 'short',
        targets: [{ query: series('account', 'last', 'daily_pnl', ['account']), alias: alias('account') }],
      },
      {
        title: 'Realized and unrealized P&L',
        description: 'Summed over positions, quote currency.',
        unit: 'short',
        targets: [
          {
            query: series('account', 'last', 'realized_pnl', ['account'], 'realized'),
            alias: '$tag_account realized',
          },
          {
            query: series('account', 'last', 'unrealized_pnl', ['account'], 'unrealized'),
            alias: '$tag_account unrealized',
          },
        ],
      },
      {
        title: 'Cash',
        description: 'Quote-currency cash per account.',
        unit: 'short',
        targets: [{ query: series('account', 'last', 'cash', ['account']), alias: alias('account') }],
      },
      {
        title: 'Unrealized P&L by position',
        description: 'Per instrument, quote currency.',
        unit: 'short',
        targets: [
          {
            query: series('position', 'last', 'unrealized_pnl', ['account', 'instrument']),
            alias: alias('account', 'instrument'),
          },
        ],
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
        targets: [
          { query: series('backtest', 'last', 'total_return', ['strategy']), alias: alias('strategy') },
        ],
      },
      {
        title: 'Sharpe by run',
        description: 'Annualised Sharpe ratio of each nightly run.',
        unit: 'short',
        targets: [{ query: series('backtest', 'last', 'sharpe', ['strategy']), alias: alias('strategy') }],
      },
      {
        title: 'Max drawdown by run',
        description: 'Largest peak-to-trough drop of each nightly run.',
        unit: 'percentunit',
        targets: [
          { query: series('backtest', 'last', 'max_drawdown', ['strategy']), alias: alias('strategy') },
        ],
      },
      {
        title: 'Trades by run',
        description: 'Closed trades of each nightly run.',
        unit: 'short',
        targets: [{ query: series('backtest', 'last', 'trades', ['strategy']), alias: alias('strategy') }],
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
