/** Drawdown episodes of an equity curve: each fall from a running peak until equity is back at it. */

export interface DrawdownEpisode {
  /** Time of the peak it fell from (the run's start when that is the initial equity). */
  readonly start: number;
  readonly trough: number;
  /** First time equity is back at the peak; null when it never is. */
  readonly end: number | null;
  /** 1 − trough equity / peak equity (0.25 = −25%). */
  readonly depth: number;
  /** end − start, or last point − start when not recovered (as `computeMetrics` counts it). */
  readonly durationMs: number;
}

/** Every drawdown episode, in time order. The running peak starts at the initial equity. */
export function drawdownEpisodes(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  initialEquity: number,
  startTime: number,
): DrawdownEpisode[] {
  const n = time.length;
  const out: DrawdownEpisode[] = [];
  let peak = initialEquity;
  let peakTime = startTime;
  let low = Number.NaN;
  let lowTime = Number.NaN;
  let open = false;
  const close = (end: number | null, last: number) => {
    out.push({
      start: peakTime,
      trough: lowTime,
      end,
      depth: 1 - low / peak,
      durationMs: (end ?? last) - peakTime,
    });
  };
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    const t = time[i]!;
    if (e >= peak) {
      if (open) {
        close(t, t);
        open = false;
        peakTime = t;
      } else if (e > peak) {
        peakTime = t;
      }
      peak = e;
    } else if (!open) {
      open = true;
      low = e;
      lowTime = t;
    } else if (e < low) {
      low = e;
      lowTime = t;
    }
  }
  if (open) close(null, time[n - 1]!);
  return out;
}

/** The `k` deepest episodes, deepest first (ties: the earlier first). */
export function topDrawdowns(episodes: readonly DrawdownEpisode[], k = 5): DrawdownEpisode[] {
  return [...episodes].sort((a, b) => b.depth - a.depth || a.start - b.start).slice(0, k);
}
