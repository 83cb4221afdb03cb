import { resolve } from 'node:path';
import { parseCollectorSettings } from '@algotrader/collector';
import { AlgoError, alignOpen, ErrorCode, formatInstrument, instrumentSymbol } from '@algotrader/core';
import { LIVE_SERVICES, type Pipeline, STAGES } from '@algotrader/pipeline';
import { repoRoot } from '@algotrader/testkit';

/** The configuration `up --live` trades when none is named: the one compose mounts. */
export const LIVE_PIPELINE = resolve(repoRoot, 'config/pipeline.json');

/** Extra bars of history beyond the longest warm-up, so the first live close already decides. */
const WARMUP_MARGIN_BARS = 5;

export interface LiveEnv {
  /** Environment for every child, over the user's. */
  readonly env: Record<string, string>;
  /** What was derived, for the operator. */
  readonly notes: readonly string[];
}

function invalid(message: string): AlgoError {
  return new AlgoError(ErrorCode.InvalidConfig, `up --live: ${message}`);
}

/**
 * The settings that make the collector, monitor and scheduler serve this pipeline: the collector
 * follows the pipeline's instruments and timeframe (a user's COLLECTOR_SYMBOLS / _TIMEFRAMES may
 * add more but must cover them), and a series with nothing stored starts far enough back for every
 * strategy and feature to be warm. Refuses a replay-mode or non-paper pipeline: `up --live`
 * paper-trades; real orders go through the deployment (docs/DEPLOY.md).
 */
export function liveEnv(
  p: Pipeline,
  configPath: string,
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): LiveEnv {
  if (p.config.mode !== 'live') {
    throw invalid(
      `${configPath} is a "${p.config.mode}" configuration (its decisions are not checked against the clock); ` +
        'use one with "mode": "live", e.g. config/pipeline.json',
    );
  }
  if (p.config.broker !== 'paper') {
    throw invalid(
      `${configPath} trades on "${p.config.broker}"; up --live runs the paper venue only ` +
        '(live orders: docker compose, see docs/DEPLOY.md)',
    );
  }
  if (p.venue !== 'OKX') throw invalid(`the collector reads OKX only, the pipeline's venue is ${p.venue}`);
  const notes: string[] = [];
  const out: Record<string, string> = {};
  const symbols = p.instruments.map(instrumentSymbol).join(',');
  if (env['COLLECTOR_SYMBOLS']) {
    const given = new Set(
      parseCollectorSettings({ COLLECTOR_SYMBOLS: env['COLLECTOR_SYMBOLS'] }).symbols.map(formatInstrument),
    );
    const lacking = p.keys.filter((k) => !given.has(k));
    if (lacking.length > 0)
      throw invalid(`COLLECTOR_SYMBOLS=${env['COLLECTOR_SYMBOLS']} leaves out ${lacking.join(', ')}`);
  } else {
    out['COLLECTOR_SYMBOLS'] = symbols;
  }
  if (env['COLLECTOR_TIMEFRAMES']) {
    const tfs = parseCollectorSettings({ COLLECTOR_TIMEFRAMES: env['COLLECTOR_TIMEFRAMES'] }).timeframes;
    if (!tfs.includes(p.tf))
      throw invalid(`COLLECTOR_TIMEFRAMES=${env['COLLECTOR_TIMEFRAMES']} leaves out ${p.tf}`);
  } else {
    out['COLLECTOR_TIMEFRAMES'] = p.tf;
  }
  if (!env['COLLECTOR_SINCE']) {
    const warm = Math.max(p.featureHistory, ...p.strategies.map((s) => s.capacity)) + WARMUP_MARGIN_BARS;
    const since = alignOpen(now, p.tf) - warm * p.tfMs;
    out['COLLECTOR_SINCE'] = String(since);
    notes.push(
      `collector: ${out['COLLECTOR_SYMBOLS'] ?? env['COLLECTOR_SYMBOLS']} ${out['COLLECTOR_TIMEFRAMES'] ?? env['COLLECTOR_TIMEFRAMES']}, ` +
        `from ${new Date(since).toISOString().slice(0, 16)}Z for an empty series (${warm} bars of warm-up)`,
    );
  }
  // Everything up starts must keep beating; the monitor alerts on a silent one.
  if (!env['MONITOR_EXPECTED_SERVICES']) {
    out['MONITOR_EXPECTED_SERVICES'] = [...STAGES, ...LIVE_SERVICES].join(',');
  }
  // The full check the collector itself will make, so a bad value stops here and not in a crash loop.
  parseCollectorSettings(
    Object.fromEntries(
      Object.entries({ ...env, ...out }).filter(([k]) => k.startsWith('COLLECTOR_')),
    ) as Record<string, string>,
  );
  return { env: out, notes };
}
