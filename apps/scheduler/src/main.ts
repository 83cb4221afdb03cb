import { hostname } from 'node:os';
import { Bus, drainOnSignals, SYSTEM_TOPOLOGY, startHeartbeat, subjects } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { createLogger, loadConfig } from '@algotrader/core/node';
import { type Alert, codecs, pb } from '@algotrader/proto';
import { parseSchedulerSettings } from './config';
import { type JobActions, standardJobs } from './jobs';
import { LeaseStore, openLeaseBucket } from './lease';
import { describeSchedule } from './schedule';
import { type JobContext, Scheduler, type SchedulerEvent } from './scheduler';

const wallClock: Clock = { now: () => Date.now() };

async function main(): Promise<void> {
  const config = loadConfig(process.env, {
    ALGOTRADER_SERVICE: process.env['ALGOTRADER_SERVICE'] || 'scheduler',
  });
  const settings = parseSchedulerSettings(process.env);
  const log = createLogger({ service: config.service, level: config.logLevel });
  const bus = await Bus.connect({
    servers: config.nats.url,
    service: config.service,
    logger: log,
    ensure: {
      duplicateWindowMs: config.nats.duplicateWindowMs,
      storage: config.nats.storage,
      replicas: config.nats.replicas,
    },
    ...(config.nats.user ? { user: config.nats.user } : {}),
    ...(config.nats.password ? { password: config.nats.password } : {}),
  });
  await bus.ensure(SYSTEM_TOPOLOGY);
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
    await bus.publish(codecs.Alert, subjects.alert(severity), a, { msgId: `alert:${config.service}:${key}` });
  };

  // Until the real jobs are wired in, each job announces that it is due; the services that own the
  // work (collector, store, notifier, backtest workers) act on the alert code.
  const announce =
    (code: string) =>
    async (ctx: JobContext): Promise<void> => {
      const at = new Date(ctx.scheduledMs).toISOString();
      await alert(
        'info',
        code,
        `${ctx.job} due for ${at}`,
        { job: ctx.job, scheduled: at },
        `${code}:${ctx.job}:${ctx.scheduledMs}`,
      );
    };
  const actions: JobActions = {
    catchUpBackfill: announce('job_due'),
    parquetCompaction: announce('job_due'),
    dailySummary: announce('daily_summary_due'),
    nightlyBacktests: announce('job_due'),
  };
  const jobs = standardJobs(actions, settings.schedules);

  const instance = `${hostname()}-${process.pid}`;
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
  const stopHeartbeat = startHeartbeat(bus, { instance });
  drainOnSignals(bus, (code) => {
    clearInterval(timer);
    stopHeartbeat();
    void scheduler.stop().finally(() => process.exit(code));
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
