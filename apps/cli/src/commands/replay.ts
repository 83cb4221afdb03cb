import { type Bus, OrderedPublisher, subjects } from '@algotrader/bus';
import { type BarColumns, barKey, formatInstrument, type Instrument, type Timeframe } from '@algotrader/core';
import { barAt, codecs, encodeBar } from '@algotrader/proto';

export interface ReplayResult {
  bars: number;
  stored: number;
  duplicates: number;
  firstOpen: number | undefined;
  lastOpen: number | undefined;
  seconds: number;
}

/**
 * Publishes bars as `Bar` messages in file order, up to `window` (256) in flight at once: the
 * stream holds them in file order, once each, even across a server restart ({@link OrderedPublisher};
 * a retry reuses the bar key as msg id).
 */
export async function replayBars(
  bus: Bus,
  instrument: Instrument,
  tf: Timeframe,
  cols: BarColumns,
  opts: {
    source?: string;
    onProgress?: (n: number) => void;
    from?: number;
    to?: number;
    window?: number;
  } = {},
): Promise<ReplayResult> {
  const subject = subjects.bar(instrument, tf);
  const started = Date.now();
  let stored = 0;
  let duplicates = 0;
  let bars = 0;
  let firstOpen: number | undefined;
  let lastOpen: number | undefined;
  const out = new OrderedPublisher(bus, opts.window === undefined ? {} : { window: opts.window });
  for (let i = 0; i < cols.openTime.length; i++) {
    const open = cols.openTime[i]!;
    if ((opts.from !== undefined && open < opts.from) || (opts.to !== undefined && open >= opts.to)) continue;
    await out.publish(
      codecs.Bar,
      subject,
      encodeBar(barAt(instrument, tf, cols, i), opts.source ?? 'replay'),
      barKey(instrument, tf, open),
      (ack) => {
        bars += 1;
        if (ack.duplicate) duplicates += 1;
        else stored += 1;
        firstOpen ??= open;
        lastOpen = open;
        opts.onProgress?.(1);
      },
    );
  }
  await out.flush();
  return { bars, stored, duplicates, firstOpen, lastOpen, seconds: (Date.now() - started) / 1000 };
}

export function describeReplay(instrument: Instrument, tf: Timeframe, r: ReplayResult): string {
  const iso = (ms: number | undefined) =>
    ms === undefined ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return (
    `${formatInstrument(instrument)} ${tf}: ${r.bars} bars (${iso(r.firstOpen)} → ${iso(r.lastOpen)} UTC), ` +
    `${r.stored} stored, ${r.duplicates} already in the stream, ${r.seconds.toFixed(1)} s ` +
    `(${(r.bars / Math.max(r.seconds, 1e-3)).toFixed(0)} bars/s)`
  );
}
