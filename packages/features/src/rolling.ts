import { ExactSum } from './exact-sum';

/**
 * The last `period` values with their exact sum (and optionally exact sum of squares).
 * Everything read from it is a function of the window contents only, never of earlier history.
 */
export class RollingWindow {
  readonly period: number;
  private readonly buffer: Float64Array;
  private readonly squares: boolean;
  private readonly s1 = new ExactSum();
  private readonly s2 = new ExactSum();
  private readonly scratch = new ExactSum();
  private next = 0;
  private count = 0;

  constructor(period: number, squares: boolean) {
    this.period = period;
    this.buffer = new Float64Array(period);
    this.squares = squares;
  }

  get full(): boolean {
    return this.count === this.period;
  }

  push(x: number): void {
    if (this.count === this.period) {
      const old = this.buffer[this.next]!;
      this.s1.add(-old);
      if (this.squares) this.s2.addProduct(-old, old);
    } else {
      this.count++;
    }
    this.buffer[this.next] = x;
    this.next = this.next + 1 === this.period ? 0 : this.next + 1;
    this.s1.add(x);
    if (this.squares) this.s2.addProduct(x, x);
  }

  /** Σx over the window, correctly rounded. */
  sum(): number {
    return this.s1.value();
  }

  /**
   * n·Σx² − (Σx)² over a full window of n values, correctly rounded: n² times the population
   * variance. Never negative, and exactly 0 for a constant window (no cancellation residue).
   */
  scatter(): number {
    const d = this.scratch;
    d.clear();
    const n = this.count;
    for (let i = 0; i < this.s2.size; i++) d.addProduct(n, this.s2.partial(i));
    // (Σx)² = Σᵢ aᵢ² + Σ_{i<j} 2·aᵢ·aⱼ over the partials aᵢ of Σx; doubling is exact.
    for (let i = 0; i < this.s1.size; i++) {
      const a = this.s1.partial(i);
      d.addProduct(-a, a);
      for (let j = i + 1; j < this.s1.size; j++) d.addProduct(-2 * a, this.s1.partial(j));
    }
    return d.value();
  }

  reset(): void {
    this.s1.clear();
    this.s2.clear();
    this.next = 0;
    this.count = 0;
  }
}
