import { hostname } from 'node:os';
import { runService, subjects } from '@algotrader/bus';
import { createOkx, OkxMarketData, parseCollectorSettings } from '@algotrader/collector';
import { alertKey, type Clock } from '@algotrader/core';
import { createMetricsSink } from '@algotrader/metrics';
import { type Alert, codecs, pb } from '@algotrader/proto';
import { SchedulerJobs, validateBacktests } from './actions';
import { parseSchedulerSettings } from './config';
import { type JobActions, standardJobs } from './jobs';
import { LeaseStore, openLeaseBucket } from './lease';
import { describeSchedule } from './schedule';
import { Scheduler, type SchedulerEvent } from './scheduler';
import { KvLock } from './store-lock';

const wallClock: Clock = { now: () => Date.now() };

await runService({
  name: 'scheduler',
  async start({ config, log, bus, instance }) {
    const settings = parseSchedulerSettings(process.env);
    const kv = await openLeaseBucket(bus.js, {
      retentionMs: settings.leaseRetentionMs,
      storage: config.nats.storage,
      replicas: config.nats.replicas,
    });

    const alert = async (
      severity: 'info' | 'warning',
      code: string,
      message: string,
      labels: Record<string, string>,
      key: string,
    ) => {
      const a: Alert = {
        severity: severity === 'info' ? pb.Severity.SEVERITY_INFO : pb.Severity.SEVERITY_WARNING,
        source: config.service,
        code,
        message,
        labels,
        timeMs: wallClock.now(),
        dedupeKey: key,
      };
      await bus.publish(codecs.Alert, subjects.alert(severity), a, {
        msgId: alertKey(config.service, code, key),
      });
    };

    const collector = parseCollectorSettings(process.env);
    validateBacktests(settings.backtests);
    const metrics = createMetricsSink(config.influx, {
      defaultTags: { host: hostname() },
      logger: log,
      clock: wallClock,
    });
    if (settings.backtests.length > 0 && !config.influx.url) {
      log.warn({}, 'INFLUX_URL not set: nightly backtest summaries only reach the alert, not Grafana');
    }
    const work = new SchedulerJobs({
      bus,
      clock: wallClock,
      log,
      instance,
      dataDir: config.dataDir,
      storeWriter: settings.storeWriter,
      symbols: collector.symbols,
      timeframes: collector.timeframes,
      since: collector.since,
      md: new OkxMarketData(createOkx({ restUrl: config.okx.restUrl, sandbox: config.okx.sandbox })),
      metrics,
      backtests: settings.backtests,
      compactTimeoutMs: settings.compactTimeoutMs,
      ...(settings.storeWriter === 'scheduler'
        ? { lock: new KvLock({ kv, holder: instance, clock: wallClock }) }
        : {}),
    });
    const actions: JobActions = work.actions();
    if (!actions.nightlyBacktests) log.info({}, 'SCHEDULER_BACKTESTS is empty: no nightly backtests');
    const jobs = standardJobs(actions, settings.schedules);

    const onEvent = (e: SchedulerEvent) => {
      if (e.type === 'failed') {
        log.error(e, 'job failed');
        void alert(
          'warning',
          'job_failed',
          `${e.job} (scheduled ${new Date(e.scheduledMs).toISOString()}, attempt ${e.attempt}) failed: ${e.error}`,
          { job: e.job, will_retry: String(e.willRetry) },
          `job_failed:${e.job}:${e.scheduledMs}:${e.attempt}`,
        ).catch((err: Error) => log.warn({ err: err.message }, 'job failure alert not published'));
      } else if (e.type === 'lease-lost') log.warn(e, 'job lease lost');
      else log.info(e, `job ${e.type}`);
    };
    const scheduler = new Scheduler({
      jobs,
      leases: new LeaseStore(kv),
      clock: wallClock,
      instance,
      leaseRetentionMs: settings.leaseRetentionMs,
      onEvent,
      onError: (err, job) => log.warn({ err: err.message, job }, 'scheduler tick failed for job'),
    });
    log.info({ jobs: jobs.map((j) => `${j.name}: ${describeSchedule(j.schedule)}`) }, 'scheduler running');

    let ticking = false;
    const timer = setInterval(() => {
      if (ticking) return;
      ticking = true;
      scheduler.tick().finally(() => {
        ticking = false;
      });
    }, settings.tickMs);
    void scheduler.tick();
    // Jobs stop first (their signal fires; a run cut short is recorded as a failed attempt, which a
    // replica retries while attempts are left), then metrics; runService drains the bus after.
    return async () => {
      log.info({ running: scheduler.running }, 'stopping jobs');
      clearInterval(timer);
      const grace = new Promise<void>((r) => setTimeout(r, 5_000).unref());
      await Promise.race([scheduler.stop(), grace]);
      await metrics.close();
    };
  },
});
