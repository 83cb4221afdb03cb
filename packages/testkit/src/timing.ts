/** How much slower than an idle machine a test run should expect to be; set by vitest.config.ts. */
export const TIME_SCALE_ENV = 'ALGOTRADER_TEST_TIME_SCALE';

/** The run's time scale (≥ 1): `ALGOTRADER_TEST_TIME_SCALE`, or 1 outside a test run. */
export function timeScale(): number {
  const v = Number(process.env[TIME_SCALE_ENV]);
  return Number.isFinite(v) && v >= 1 ? v : 1;
}

/** `ms` stretched by the run's time scale: a deadline that holds on a busy machine too. */
export function scaled(ms: number): number {
  return Math.round(ms * timeScale());
}
