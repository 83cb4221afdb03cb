import { aShareOf, bandFraction, limitBand, lotProblem, shanghaiDate } from '@algotrader/markets-cn';
import type { PlannedOrder } from '@algotrader/portfolio';

const HOUR = 3_600_000;
/** 15:00 in Shanghai (UTC+8) is 07:00 UTC. */
const CLOSE_UTC_HOUR = 7;

/**
 * When an A-share order decided at `t` can first execute, for T+1: the same Shanghai day before the
 * 15:00 close, else a later day (moved past Shanghai midnight; which trading day does not matter
 * for "bought on the same day or not").
 */
export function aShareExecTime(t: number): number {
  const hourUtc = new Date(t).getUTCHours();
  const afterClose = hourUtc >= CLOSE_UTC_HOUR && hourUtc < 16; // 15:00–24:00 Shanghai
  return afterClose ? t + 9 * HOUR : t;
}

export type AShareReason = 'T_PLUS_ONE' | 'LOT' | 'PRICE_LIMIT';

/**
 * The A-share rules of the risk gate, for an order on an SSE/SZSE instrument (undefined otherwise,
 * or when it passes): the board's lot grid (LOT), no sell of shares bought the same day (T_PLUS_ONE:
 * `sellable` is what may be sold on the order's day), and a limit price inside the day's band from
 * the last close (PRICE_LIMIT).
 */
export function aShareRule(
  o: PlannedOrder,
  held: number,
  sellable: number,
  lastClose: number,
  at: number,
): { reason: AShareReason; detail: string } | undefined {
  const s = aShareOf(o.instrument);
  if (!s) return undefined;
  const lot = lotProblem(s.board, o.side, o.qty, held);
  if (lot) return { reason: 'LOT', detail: `${s.exchange}:${s.code}: ${lot}` };
  if (o.side === 'sell' && o.qty > sellable) {
    return {
      reason: 'T_PLUS_ONE',
      detail: `sell of ${o.qty} ${s.code} but ${Math.max(0, sellable)} of the ${held} held may be sold on ${shanghaiDate(at)}: the rest was bought that day (T+1)`,
    };
  }
  if (o.limitPrice !== undefined && lastClose > 0) {
    const band = limitBand(lastClose, bandFraction(s, shanghaiDate(at)));
    if (o.limitPrice > band.up || o.limitPrice < band.down) {
      return {
        reason: 'PRICE_LIMIT',
        detail: `limit ${o.limitPrice} outside the band ${band.down}–${band.up} (±${bandFraction(s, shanghaiDate(at)) * 100} % of the last close ${lastClose})`,
      };
    }
  }
  return undefined;
}
