import { resolve } from 'node:path';
import { type Bus, loadCheckpoint, readControl } from '@algotrader/bus';
import { isTerminal } from '@algotrader/core';
import {
  accountOf,
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  checkpointKeys,
  DEMO_PIPELINE,
  LIVE_SERVICES,
  loadPipeline,
  PIPELINE_ENV,
  type Pipeline,
  readAccount,
  STAGES,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { parse } from '../args';
import { cliContext, connectBus } from '../context';

const USAGE = 'usage: algotrader status [--config <pipeline.json>] [--nats URL] [--json]';

export interface StageStatus {
  stage: string;
  /** Age of the last heartbeat, ms (undefined: never seen). */
  heartbeatAgeMs: number | undefined;
  instance: string | undefined;
  /** Stream and position (sequence) the stage has handled, from its checkpoint or account. */
  stream: string;
  position: number | undefined;
  /** Messages in the stream after the position (all subjects of the stream: an upper bound). */
  behind: number | undefined;
  /** Last close time the stage has finished. */
  through: number | undefined;
}

export interface PipelineStatus {
  stages: StageStatus[];
  /** The services around the stages (collector, notifier, ...) that have ever sent a heartbeat. */
  services: { service: string; heartbeatAgeMs: number; instance: string }[];
  control: { state: string; paused: string[]; reason: string };
  account:
    | {
        cash: number;
        equity: number;
        peakEquity: number;
        /** equity / peak − 1 (≤ 0) and equity − the day's start: the account's own figures. */
        drawdown: number;
        dailyPnl: number;
        quote: string;
        positions: { instrument: string; qty: number; avg: number; mark: number | undefined }[];
        openOrders: number;
        fills: number;
        visibleThrough: number;
      }
    | undefined;
}

async function lastHeartbeat(
  bus: Bus,
  service: string,
): Promise<{ time: number; instance: string } | undefined> {
  try {
    const m = await bus.jsm.streams.getMessage('OPS', { last_by_subj: `ops.heartbeat.${service}` });
    if (!m) return undefined;
    const hb = codecs.Heartbeat.decode(m.data);
    return { time: Number(hb.timeMs), instance: hb.instance ?? '' };
  } catch {
    return undefined;
  }
}

async function lastSeq(bus: Bus, stream: string): Promise<number> {
  try {
    return (await bus.jsm.streams.info(stream)).state.last_seq;
  } catch {
    return 0;
  }
}

/** Stages (heartbeats, stream positions), control state, and the account from KV. */
export async function pipelineStatus(bus: Bus, p: Pipeline, now = Date.now()): Promise<PipelineStatus> {
  const ckv = await bus.kv(CHECKPOINTS_BUCKET);
  const fe = await loadCheckpoint<{ seq: number; lastSet: number }>(
    ckv,
    checkpointKeys.featureEngine(p.venue, p.tf),
  );
  const sr = await loadCheckpoint<{ seq: number; lastT: number }>(
    ckv,
    checkpointKeys.strategyRunner(p.account),
  );
  const rg = await loadCheckpoint<{ seq: number; lastT: number }>(ckv, checkpointKeys.riskGate(p.account));
  const account = await readAccount(bus, p.account);
  const valued = account ? accountOf(account, p.specs) : undefined;
  const positions: Record<(typeof STAGES)[number], { stream: string; seq?: number; through?: number }> = {
    'feature-engine': { stream: 'MD', ...(fe ? { seq: fe.seq, through: fe.lastSet } : {}) },
    'strategy-runner': { stream: 'FEATURES', ...(sr ? { seq: sr.seq, through: sr.lastT } : {}) },
    'risk-gate': { stream: 'SIGNALS', ...(rg ? { seq: rg.seq, through: rg.lastT } : {}) },
    'order-router': {
      stream: 'MD',
      ...(account ? { seq: account.mdSeq, through: account.steppedThrough } : {}),
    },
  };
  const stages: StageStatus[] = [];
  for (const stage of STAGES) {
    const hb = await lastHeartbeat(bus, stage);
    const pos = positions[stage];
    const last = await lastSeq(bus, pos.stream);
    stages.push({
      stage,
      heartbeatAgeMs: hb ? now - hb.time : undefined,
      instance: hb?.instance,
      stream: pos.stream,
      position: pos.seq,
      behind: pos.seq !== undefined ? Math.max(0, last - pos.seq) : undefined,
      through: pos.through,
    });
  }
  const services: PipelineStatus['services'] = [];
  for (const service of LIVE_SERVICES) {
    const hb = await lastHeartbeat(bus, service);
    if (hb) services.push({ service, heartbeatAgeMs: now - hb.time, instance: hb.instance });
  }
  const control = await readControl(await bus.kv(CONTROL_BUCKET), p.account);
  return {
    stages,
    services,
    control: { state: control.state, paused: control.pausedStrategies, reason: control.reason },
    account: account
      ? {
          cash: account.book.cash,
          equity: account.book.equity,
          peakEquity: account.book.peakEquity,
          drawdown: valued!.drawdown,
          dailyPnl: valued!.dailyPnl,
          quote: account.quote,
          positions: Object.entries(account.book.positions)
            .filter(([, x]) => x.qty !== 0)
            .map(([instrument, x]) => ({
              instrument,
              qty: x.qty,
              avg: x.avg,
              mark: account.book.marks[instrument],
            })),
          openOrders: account.pending.filter((id) => {
            const o = account.orders[id];
            return o !== undefined && !isTerminal(o.status);
          }).length,
          fills: account.fills,
          visibleThrough: account.visibleThrough,
        }
      : undefined,
  };
}

/**
 * `12 s ago`, `4 min ago`, `2 h ago`. A heartbeat stamped by a clock slightly ahead of this one
 * has a negative age: that is "now", never `-0 s`.
 */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined) return 'never';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7_200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3_600)} h ago`;
}

const iso = (ms: number | undefined) =>
  ms === undefined || ms === 0 ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function formatStatus(p: Pipeline, s: PipelineStatus): string[] {
  const lines: string[] = [];
  lines.push(`pipeline: account ${p.account}, ${p.keys.join(', ')} ${p.tf}, broker ${p.config.broker}`);
  lines.push(
    `trading: ${s.control.state}${s.control.paused.length ? `, paused: ${s.control.paused.join(', ')}` : ''}${s.control.reason ? ` (${s.control.reason})` : ''}`,
  );
  lines.push('stage            heartbeat   stream    position  behind  through (UTC)');
  for (const st of s.stages) {
    const hb = formatAge(st.heartbeatAgeMs);
    lines.push(
      `${st.stage.padEnd(16)} ${hb.padEnd(11)} ${st.stream.padEnd(9)} ${String(st.position ?? '-').padStart(8)}  ${String(st.behind ?? '-').padStart(6)}  ${iso(st.through)}`,
    );
  }
  for (const x of s.services) lines.push(`${x.service.padEnd(16)} ${formatAge(x.heartbeatAgeMs)}`);
  const a = s.account;
  if (!a) {
    lines.push('account: no state yet (the order-router has not saved one)');
  } else {
    lines.push(
      `account: equity ${a.equity.toFixed(2)} ${a.quote} (peak ${a.peakEquity.toFixed(2)}, drawdown ${(-a.drawdown * 100).toFixed(2)}%, today ${a.dailyPnl >= 0 ? '+' : ''}${a.dailyPnl.toFixed(2)}), cash ${a.cash.toFixed(2)}, ${a.openOrders} open order(s), ${a.fills} fill(s), valid through ${iso(a.visibleThrough)}`,
    );
    for (const x of a.positions) {
      lines.push(`  ${x.instrument}: ${x.qty} @ ${x.avg.toFixed(4)}, mark ${x.mark ?? '-'}`);
    }
  }
  return lines;
}

/** `algotrader status`. */
export async function runStatus(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { config: { type: 'string' }, nats: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const p = await loadPipeline(
    resolve((values.config as string | undefined) ?? process.env[PIPELINE_ENV] ?? DEMO_PIPELINE),
  );
  const ctx = cliContext();
  const bus = await connectBus(ctx, values.nats as string | undefined);
  try {
    const s = await pipelineStatus(bus, p);
    if (values.json === true) console.log(JSON.stringify(s));
    else for (const l of formatStatus(p, s)) console.log(l);
    return 0;
  } finally {
    await bus.close();
  }
}
