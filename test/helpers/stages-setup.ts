import { parseInstrument } from '@algotrader/core';
import {
  barOut,
  type Effect,
  type InputMeta,
  type Pipeline,
  parsePipelineConfig,
  step,
} from '@algotrader/pipeline/domain';
import type { BarMsg, BarSetClosed, FeatureVector } from '@algotrader/proto';
import { type GateContext, type GateState, gateDecider } from '@algotrader/risk-gate';
import type { RunnerInput } from '@algotrader/strategy-runner';

/**
 * What the decider tests (no NATS) build their inputs from: the runtime's input metadata, an
 * `sma_cross` pipeline on OKX 1h, hourly bars and bar-set markers, the feature-engine's output as
 * the runner's input, and one signal with its close-time marker through the risk gate.
 */

export const HOUR = 3_600_000;

/** Input metadata as the runtime attaches it, numbered from 1 (`in-1`, `in-2`, …) per numbering. */
export function inputMetas(): (subject: string) => InputMeta {
  let seq = 0;
  return (subject) => {
    seq += 1;
    return { subject, seq, msgId: `in-${seq}`, correlationId: undefined };
  };
}

/** A paper replay pipeline trading `sma_cross` with `params` on every one of `symbols` (OKX spot). */
export function smaCrossPipeline(symbols: readonly string[], params: Record<string, unknown>): Pipeline {
  return parsePipelineConfig({
    account: 'paper',
    instruments: symbols.map((s) => `OKX:${s}`),
    strategies: [{ name: 'sma_cross', params, instruments: symbols.map((s) => `OKX:${s}`) }],
    mode: 'replay',
  });
}

/** The 1h bar of OKX `symbol` opening at `openTime` from `open` to `close`, its range one beyond both. */
export function hourBarMsg(
  symbol: string,
  openTime: number,
  open: number,
  close: number,
  volume: number,
): BarMsg {
  return barOut(
    {
      instrument: parseInstrument(`OKX:${symbol}`),
      openTime,
      closeTime: openTime + HOUR,
      open,
      high: Math.max(open, close) + 1,
      low: Math.min(open, close) - 1,
      close,
      volume,
    },
    '1h',
    'test',
  );
}

/** The OKX 1h bar-set marker closing at `closeTimeMs`, every one of `symbols` arrived. */
export function hourBarSet(closeTimeMs: number, symbols: readonly string[]): BarSetClosed {
  return { venue: 'OKX', timeframe: '1h', closeTimeMs, arrived: [...symbols], missing: [], timedOut: false };
}

/** The feature-engine's published messages as the strategy-runner's inputs (the FEATURES stream). */
export function runnerInputsOf(
  effects: readonly Effect[],
  meta: (subject: string) => InputMeta,
): RunnerInput[] {
  const inputs: RunnerInput[] = [];
  for (const e of effects) {
    if (e.kind !== 'publish') continue;
    const m = e.message;
    inputs.push(
      m.subject.startsWith('feat._set.')
        ? { kind: 'set', set: m.message as BarSetClosed, meta: meta(m.subject) }
        : { kind: 'vector', vector: m.message as FeatureVector, meta: meta(m.subject) },
    );
  }
  return inputs;
}

/** The risk gate's control record of account `account` in `state`. */
export function gateControl(
  account: string,
  state: 'ACTIVE' | 'HALTED' | 'REDUCING',
  reason = '',
): GateContext['control'] {
  return { account, state, pausedStrategies: [], reason, updatedMs: 0, updatedBy: '', revision: 0 };
}

/**
 * Through a fresh gate decider for `p`: one `sma_cross` signal to `target` units of OKX `symbol` at
 * close `t`, then its close-time marker (mark `mark`) decided in `context`. Every effect, in order.
 */
export function gateSignalAndSet(
  p: Pipeline,
  a: { symbol: string; t: number; target: number; mark: number; context: GateContext },
  meta: (subject: string) => InputMeta,
): { effects: Effect[]; state: GateState } {
  const d = gateDecider(p);
  let state = d.initial();
  const effects: Effect[] = [];
  for (const input of [
    {
      kind: 'signal' as const,
      signal: {
        strategy: 'sma_cross',
        instrument: { venue: 'OKX', symbol: a.symbol },
        closeTimeMs: a.t,
        target: { units: String(a.target) },
      },
      meta: meta('sig.sma_cross'),
    },
    {
      kind: 'set' as const,
      set: {
        venue: 'OKX',
        timeframe: '1h',
        closeTimeMs: a.t,
        strategies: ['sma_cross'],
        marks: { [a.symbol]: a.mark },
        instruments: [a.symbol],
      },
      meta: meta('sig._set.OKX'),
      context: a.context,
    },
  ]) {
    const r = step(d, state, input);
    state = r.state;
    effects.push(...r.effects);
  }
  return { effects, state };
}

/**
 * A pipeline of account `perp` trading `sma_cross` on the OKX BTC swap (cross, 5×) with the
 * notional caps and loss halts off, so the swap rules alone decide; `risk` adds or overrides limits.
 */
export function btcSwapGatePipeline(mode: 'live' | 'replay', risk: Record<string, unknown> = {}): Pipeline {
  const key = 'OKX:BTC/USDT:USDT';
  return parsePipelineConfig({
    account: 'perp',
    broker: 'okx_swap',
    instruments: [key],
    strategies: [{ name: 'sma_cross', instruments: [key] }],
    swaps: { [key]: { marginMode: 'cross', leverage: 5 } },
    risk: {
      maxOrderNotional: null,
      maxPositionNotional: null,
      maxDailyLoss: null,
      maxDrawdown: null,
      ...risk,
    },
    mode,
  });
}
