/** A bar as a stage keeps it in its checkpoint: compact, and msgpack writes it as a short array. */
export type BarRow = [
  openTime: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
];

export function rowOf(b: {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}): BarRow {
  return [b.openTime, b.open, b.high, b.low, b.close, b.volume];
}

export function ohlcvOf(r: BarRow): {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
} {
  return { openTime: r[0], open: r[1], high: r[2], low: r[3], close: r[4], volume: r[5] };
}
