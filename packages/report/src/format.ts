/** Human formats shared by the tearsheet and the CLI tables. Non-finite numbers print as `n/a` / `∞`. */

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'n/a';
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (x === Number.NEGATIVE_INFINITY) return '−∞';
  return undefined;
}

/** 0.1234 → `12.34%`. */
export function pct(x: number, digits = 2): string {
  return nonFinite(x) ?? `${(x * 100).toFixed(digits)}%`;
}

const formats = new Map<number, Intl.NumberFormat>();

/** A plain number with a fixed number of decimals and thousands separators. */
export function num(x: number, digits = 2): string {
  const nf = nonFinite(x);
  if (nf !== undefined) return nf;
  // One formatter per digit count: toLocaleString builds a new one per call (~10× slower).
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f.format(x);
}

/** A price or quantity: enough significant digits for both 0.00001234 and 43,210.5. */
export function price(x: number): string {
  const nf = nonFinite(x);
  if (nf !== undefined) return nf;
  const a = Math.abs(x);
  if (a >= 1000) return num(x, 2);
  if (a === 0) return '0';
  return String(Number(x.toPrecision(6)));
}

/** ms → `3d 4h` / `5h 12m` / `42m`. */
export function duration(ms: number): string {
  const nf = nonFinite(ms);
  if (nf !== undefined) return nf;
  const m = Math.round(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${mm}m`;
  return `${mm}m`;
}

/** ms UTC → `2021-03-04 05:00` (UTC), or the date alone at midnight. */
export function utc(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  const s = new Date(ms).toISOString();
  const time = s.slice(11, 16);
  return time === '00:00' ? s.slice(0, 10) : `${s.slice(0, 10)} ${time}`;
}

/** ms UTC → full ISO 8601 (`…Z`), or null when not a valid time. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/**
 * A plain-text table: a header row, a rule, the rows; each column padded to its widest cell,
 * text columns left-aligned and `numeric` ones right-aligned (columns from `numericFrom` on), two
 * spaces apart. Widths count code points, so `−` and `∞` line up.
 */
export function textTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numericFrom = 1,
): string[] {
  const len = (s: string) => [...s].length;
  const widths = head.map((h, j) => Math.max(len(h), ...rows.map((r) => len(r[j] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => {
        const pad = ' '.repeat(Math.max(0, widths[j]! - len(c)));
        return j >= numericFrom ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
