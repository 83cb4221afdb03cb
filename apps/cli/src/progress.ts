/** A one-line progress bar on a TTY (stderr); periodic plain lines otherwise, so logs stay readable. */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #start = Date.now();
  readonly #tty = Boolean(process.stderr.isTTY);
  #last = 0;
  #done = 0;
  #quiet: boolean;

  constructor(label: string, total: number, quiet = false) {
    this.#label = label;
    this.#total = total;
    this.#quiet = quiet;
  }

  tick(n = 1, extra = ''): void {
    this.#done += n;
    const now = Date.now();
    if (this.#quiet || (now - this.#last < (this.#tty ? 100 : 2000) && this.#done < this.#total)) return;
    this.#last = now;
    const frac = this.#total > 0 ? this.#done / this.#total : 1;
    const elapsed = (now - this.#start) / 1000;
    const rate = this.#done / Math.max(elapsed, 1e-3);
    const eta = rate > 0 ? (this.#total - this.#done) / rate : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const line = `${this.#label} ${bar} ${this.#done}/${this.#total} ${(frac * 100).toFixed(0)}% ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)}s ${extra}`;
    if (this.#tty) process.stderr.write(`\r${line}\x1b[K`);
    else process.stderr.write(`${line}\n`);
  }

  finish(): void {
    if (!this.#quiet && this.#tty) process.stderr.write('\n');
  }
}
