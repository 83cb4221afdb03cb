export interface RankOptions {
  /**
   * 'unit' (default): (rank − 1) / (m − 1) in [0, 1], smallest value 0, largest 1; a lone valid
   * value ranks 0.5. 'ordinal': 1 … m, smallest value 1.
   */
  readonly scale?: 'unit' | 'ordinal';
}

/**
 * Cross-sectional rank of one value per symbol at one time. Non-finite entries (a missing or bad
 * symbol) rank NaN and do not count: m is the number of finite values. Ties share the average of
 * the ranks they span, so the result does not depend on symbol order.
 */
export function crossSectionalRank(values: ArrayLike<number>, options: RankOptions = {}): Float64Array {
  const unit = (options.scale ?? 'unit') === 'unit';
  const out = new Float64Array(values.length).fill(Number.NaN);
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) order.push(i);
  order.sort((a, b) => values[a]! - values[b]!);
  const m = order.length;
  let start = 0;
  while (start < m) {
    let end = start + 1;
    while (end < m && values[order[end]!]! === values[order[start]!]!) end++;
    // 1-based ranks start+1 … end share their mean.
    const rank = (start + 1 + end) / 2;
    const scaled = unit ? (m === 1 ? 0.5 : (rank - 1) / (m - 1)) : rank;
    for (let k = start; k < end; k++) out[order[k]!] = scaled;
    start = end;
  }
  return out;
}
