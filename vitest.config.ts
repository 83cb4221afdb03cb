import { availableParallelism, loadavg } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const WORKERS = 2;
/** Read by packages/testkit/src/timing.ts (the config cannot import it: Node loads it untranspiled). */
const TIME_SCALE_ENV = 'ALGOTRADER_TEST_TIME_SCALE';

/**
 * How much slower than on an idle machine this run will be: runnable processes already there
 * (1-minute load average, which counts a `stress` or another test run beside us) plus our workers,
 * per core; 1 when they fit the cores, at most 6. Measured once per run unless given.
 */
function machineTimeScale(): number {
  const demand = (loadavg()[0] ?? 0) + WORKERS;
  return Math.min(6, Math.max(1, Math.round((demand / availableParallelism()) * 10) / 10));
}
// Workers inherit it; the testkit stretches its own waits (waitFor, server start-up, stops) by it.
// An empty or invalid value (e.g. the blank line of a copied .env.example) means: measure it.
if (!(Number(process.env[TIME_SCALE_ENV]) >= 1)) process.env[TIME_SCALE_ENV] = String(machineTimeScale());
const SCALE = Number(process.env[TIME_SCALE_ENV]);

const ALL = [
  'packages/*/src/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'test/**/*.test.ts',
  'research/**/*.test.ts',
];
// Each runs a whole pipeline (four to eight stage processes, or the stages in-process at full
// speed): alone, one file at a time, after the other files, so they neither starve each other
// nor the rest.
const HEAVY = [
  'test/chaos.test.ts',
  'test/demo.test.ts',
  'test/nats-cluster-processes.integration.test.ts',
  'test/nats-cluster-stages.integration.test.ts',
  'test/pipeline-faults.test.ts',
  'test/pipeline-parity.test.ts',
  'test/replay.integration.test.ts',
  'test/replay-data.test.ts',
  'test/up-live.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000 * SCALE,
    hookTimeout: 60_000 * SCALE,
    teardownTimeout: 20_000 * SCALE,
    // Integration suites each start their own nats-server; two cores do not like many at once.
    maxWorkers: WORKERS,
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/processes.setup.ts'],
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'parallel', include: ALL, exclude: [...configDefaults.exclude, ...HEAVY] },
      },
      // maxWorkers 1 puts the project in vitest's sequential group, which runs last.
      { extends: true, test: { name: 'serial', include: HEAVY, maxWorkers: 1 } },
    ],
  },
});
