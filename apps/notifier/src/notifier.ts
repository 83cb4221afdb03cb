import {
  type Bus,
  type Control,
  loadCheckpoint,
  type MessageMeta,
  notifierConsumers,
  PermanentError,
  saveCheckpoint,
  subjects,
} from '@algotrader/bus';
import { type Clock, forceExitKey, isForceExitOrderId } from '@algotrader/core';
import type { Logger } from '@algotrader/core/node';
import { readSubjectSince, type Stored } from '@algotrader/pipeline';
import { fillIn, orderEventIn, positionSnapshotIn, refOf } from '@algotrader/pipeline/domain';
import {
  type Alert,
  codecs,
  type FillMsg,
  type OrderEvent,
  type PositionSnapshot,
  type RiskRejection,
} from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import { Coalescer, type Notification } from './coalescer';
import { Commands, type ForceExitPort, type HistoryPort, type Read } from './commands';
import { natsControlPort, watchControl } from './control';
import { buildDailySummary, nextDailyDueMs, previousDailyDueMs } from './daily';
import { Ledger, type LedgerState } from './ledger';
import { manualFillCommands } from './manual-commands';
import { Outbox } from './outbox';
import type { EventKind, NotifierSettings } from './settings';
import { startTelegramBot, type TelegramBot } from './telegram';
import {
  alertMessage,
  controlChangeMessage,
  fillMessage,
  forceExitFillMessage,
  forceExitRefusedMessage,
  type Message,
  NOTABLE_ORDER_STATES,
  orderEventMessage,
  rejectionMessage,
  severityName,
} from './templates';
import { ConsoleFileTransport, type Transport } from './transport';

export interface TelegramSettings {
  readonly botToken?: string | undefined;
  readonly allowedChatIds: readonly number[];
  readonly apiRoot?: string | undefined;
}

export interface NotifierOptions {
  readonly bus: Bus;
  readonly settings: NotifierSettings;
  /** From core's Config (`config.telegram`); without a token messages go to the console and a file. */
  readonly telegram: TelegramSettings;
  readonly log: Logger;
  /** Wall time: the daily schedule, the summary period, control timestamps. Default: system time. */
  readonly clock?: Clock;
  /** Monotonic ms for coalescing windows and rate limiting. Default `performance.now`. */
  readonly monotonic?: () => number;
  /** Console stream of the token-less sink. Default stderr. */
  readonly console?: NodeJS.WritableStream;
  /** Replaces the transport altogether (the A-share mode or tests may bring their own). */
  readonly transport?: Transport;
}

export interface NotifierStats {
  received: number;
  duplicates: number;
  off: number;
  coalesced: number;
  queued: number;
  delivered: number;
  messages: number;
  dropped: number;
  failed: number;
  commands: number;
  ignoredChats: number;
  /** Commands answered with a usage line or a refusal (bad argument, nothing to act on). */
  refusedCommands: number;
}

export interface Notifier {
  readonly ledger: Ledger;
  readonly transport: Transport;
  stats(): NotifierStats;
  /** Applies the event's level, coalesces, and queues. Never blocks; the A-share mode calls this too. */
  notify(kind: EventKind, key: string, message: Message): void;
  /** Queues the daily summary of the current period now and starts a new period at `periodEndMs`. */
  sendDailySummary(periodEndMs?: number): Promise<void>;
  /** Resolves when every queued message has been sent (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

/** Recently handled message ids: a redelivered message is acked without a second notification. */
class RecentIds {
  readonly #ids = new Set<string>();
  constructor(readonly max: number) {}
  seen(id: string | undefined): boolean {
    if (!id) return false;
    if (this.#ids.has(id)) return true;
    this.#ids.add(id);
    if (this.#ids.size > this.max) this.#ids.delete(this.#ids.values().next().value!);
    return false;
  }
}

const ALERT_KIND: Readonly<Record<string, EventKind>> = {
  CRITICAL: 'alert.critical',
  WARNING: 'alert.warning',
  INFO: 'alert.info',
};

function alertKind(a: Alert, subject: string): EventKind {
  const bySeverity = ALERT_KIND[severityName(a.severity)];
  if (bySeverity) return bySeverity;
  return ALERT_KIND[subject.split('.')[2]?.toUpperCase() ?? ''] ?? 'alert.warning';
}

/**
 * Starts the notifier: consumers for alerts, fills, order events, position snapshots and risk
 * rejections; a watch on the control KV; the daily summary schedule; and the transport (Telegram with
 * its commands, or the console and a file). Handlers only queue, so a slow or dead Telegram never
 * holds up an ack.
 */
export async function startNotifier(o: NotifierOptions): Promise<Notifier> {
  const { bus, settings: s, log } = o;
  const clock = o.clock ?? systemClock;
  const monotonic = o.monotonic ?? (() => performance.now());
  const controlKv = await bus.kv('control');
  const checkpointKey = `${s.durablePrefix}.ledger`;
  let checkpoints: KV | undefined;
  let ledger: Ledger | undefined;
  try {
    checkpoints = await bus.kv('checkpoints');
    const saved = await loadCheckpoint<LedgerState>(checkpoints, checkpointKey);
    if (saved) ledger = Ledger.fromState(saved);
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'ledger checkpoint unavailable; the summary starts empty');
  }
  /** Due time from the scheduler's `daily_summary_due` alert, handled on the next tick. */
  let pendingTrigger: number | undefined;
  ledger ??= new Ledger(previousDailyDueMs(clock.now(), s.dailyAtUtc));
  const theLedger = ledger;

  const counters = { received: 0, duplicates: 0, invalid: 0, off: 0, commands: 0, ignoredChats: 0 };
  const recent = new RecentIds(5_000);
  const control = natsControlPort(bus, controlKv, s.account, clock);

  const coalescer = new Coalescer(s.coalesceWindowMs, monotonic);
  let bot: TelegramBot | undefined;
  let outbox: Outbox | undefined;
  const stats = (): NotifierStats => ({
    ...counters,
    refusedCommands: commands.refused,
    coalesced: coalescer.suppressed,
    queued: outbox?.queued ?? 0,
    delivered: outbox?.stats.delivered ?? 0,
    messages: outbox?.stats.messages ?? 0,
    dropped: outbox?.stats.dropped ?? 0,
    failed: outbox?.stats.failed ?? 0,
  });
  const exits: ForceExitPort = {
    request: async (r) => {
      const msgId = forceExitKey(s.account, r.requestId);
      await bus.publish(
        codecs.ForceExit,
        subjects.forceExit(s.account),
        {
          requestId: r.requestId,
          account: s.account,
          ...(r.instrument ? { instrument: refOf(r.instrument) } : {}),
          all: r.all,
          issuedBy: r.issuedBy,
          reason: r.reason,
          timeMs: r.timeMs,
        },
        { msgId, correlationId: msgId },
      );
    },
  };
  /** Decodes what a history read returned; a message its codec refuses is logged and counted, not hidden. */
  const decoded = <M, D>(what: string, stored: Stored<M>[], decode: (m: M) => D): Read<D> => {
    const items: D[] = [];
    let skipped = 0;
    for (const x of stored) {
      try {
        items.push(decode(x.message));
      } catch (e) {
        skipped += 1;
        log.warn(
          { seq: x.seq, msgId: x.msgId, err: (e as Error).message },
          `unreadable ${what} in the history`,
        );
      }
    }
    return { items, skipped };
  };
  const history: HistoryPort = {
    fills: async () =>
      decoded(
        'fill',
        await readSubjectSince(bus, 'EXEC', subjects.execFill(s.account), codecs.Fill, undefined),
        fillIn,
      ),
    snapshots: async (sinceMs) =>
      decoded(
        'position snapshot',
        await readSubjectSince(
          bus,
          'EXEC',
          subjects.execPosition(s.account),
          codecs.PositionSnapshot,
          sinceMs,
        ),
        positionSnapshotIn,
      ),
  };
  const commands = new Commands({
    account: s.account,
    exits,
    history,
    control,
    ledger: theLedger,
    clock,
    strategies: s.strategies,
    stats: () => {
      const st = stats();
      return {
        messages: st.messages,
        coalesced: st.coalesced,
        dropped: st.dropped,
        failed: st.failed,
        queued: st.queued,
        ignored: st.ignoredChats,
        refused: st.refusedCommands,
      };
    },
  });

  let transport: Transport;
  if (o.transport) {
    transport = o.transport;
  } else if (o.telegram.botToken) {
    if (o.telegram.allowedChatIds.length === 0) {
      log.warn('TELEGRAM_ALLOWED_CHAT_IDS is empty: no one receives alerts and every command is ignored');
    }
    bot = await startTelegramBot({
      token: o.telegram.botToken,
      apiRoot: o.telegram.apiRoot,
      allowedChatIds: o.telegram.allowedChatIds,
      commands,
      log,
      pollTimeoutS: s.pollTimeoutS,
      onCommand: () => {
        counters.commands += 1;
      },
      onIgnored: () => {
        counters.ignoredChats += 1;
      },
      ...(s.manualFills ? { extraCommands: manualFillCommands({ bus, account: s.account, clock }) } : {}),
    });
    transport = bot.transport;
  } else {
    transport = new ConsoleFileTransport({
      file: s.sinkFile,
      maxBytes: s.sinkMaxBytes,
      clock,
      ...(o.console ? { console: o.console } : {}),
    });
    log.info({ file: s.sinkFile }, 'no TELEGRAM_BOT_TOKEN: notifications go to the console and a file');
  }
  const box = new Outbox({
    transport,
    queueMax: s.queueMax,
    messagesPerMinute: s.messagesPerMinute,
    burst: s.burst,
    now: monotonic,
    log,
  });
  outbox = box;

  const notify = (kind: EventKind, key: string, message: Message): void => {
    const level = s.levels[kind];
    if (level === 'off') {
      counters.off += 1;
      return;
    }
    const n: Notification = { kind, key, message, silent: level === 'silent' };
    const now = coalescer.offer(n);
    if (now) box.push(now);
  };

  /** Common handler shell: idempotence by message id, and the correlation id in the logs. */
  const handler =
    <T>(name: string, fn: (m: T, meta: MessageMeta) => void) =>
    (m: T, meta: MessageMeta): void => {
      counters.received += 1;
      if (recent.seen(meta.msgId)) {
        counters.duplicates += 1;
        return;
      }
      log.debug({ correlationId: meta.correlationId, subject: meta.subject, seq: meta.streamSeq }, name);
      fn(m, meta);
    };

  /**
   * A message its codec refuses is poison: the bus dead-letters it at once (counted there, with
   * the codec's reason) instead of redelivering it.
   */
  const checked = <M, D>(decode: (m: M) => D, m: M): D => {
    try {
      return decode(m);
    } catch (e) {
      counters.invalid += 1;
      throw new PermanentError((e as Error).message, { cause: e });
    }
  };

  let dirty = false;
  // Its durables (created by `algotrader init` under auth; the notifier's user binds to them).
  const durables = notifierConsumers(s.durablePrefix);
  const consumers = [
    await bus.consume<Alert>({
      ...durables.alerts,
      codec: codecs.Alert,
      handler: handler('alert', (a: Alert, meta) => {
        if (a.code === 'daily_summary_due') {
          // The scheduler's trigger: handled on the next tick, never shown as an alert.
          const due = Number(a.labels?.['due_ms']);
          if (Number.isFinite(due) && due > 0) pendingTrigger = due;
          return;
        }
        const key = `alert:${a.dedupeKey || `${a.source}:${a.code}`}`;
        notify(alertKind(a, meta.subject), key, alertMessage(a));
      }),
    }),
    await bus.consume<FillMsg>({
      ...durables.fills,
      codec: codecs.Fill,
      handler: handler('fill', (m: FillMsg) => {
        const f = checked(fillIn, m);
        // The ledger knows every trade id of the period: a fill counted once is notified once.
        if (theLedger.onFill(f) === 'duplicate') return;
        dirty = true;
        if (isForceExitOrderId(f.clientOrderId)) {
          // The confirmation /forceexit promised, to every allowlisted chat (a control event).
          notify('control', `forceexit:${f.account}:${f.tradeId}`, forceExitFillMessage(f));
          return;
        }
        notify('fill', `fill:${f.account}:${f.clientOrderId}`, fillMessage(f));
      }),
    }),
    await bus.consume<OrderEvent>({
      ...durables.orders,
      codec: codecs.OrderEvent,
      handler: handler('order event', (m: OrderEvent) => {
        const e = checked(orderEventIn, m);
        if (theLedger.onOrder(e)) dirty = true;
        if (!NOTABLE_ORDER_STATES.has(e.status)) return;
        notify('order', `order:${e.account}:${m.state}:${e.reason}`, orderEventMessage(e));
      }),
    }),
    await bus.consume<PositionSnapshot>({
      ...durables.positions,
      codec: codecs.PositionSnapshot,
      handler: handler('position snapshot', (m: PositionSnapshot) => {
        theLedger.onSnapshot(checked(positionSnapshotIn, m));
        dirty = true;
      }),
    }),
    await bus.consume<RiskRejection>({
      ...durables.rejections,
      codec: codecs.RiskRejection,
      handler: handler('risk rejection', (r: RiskRejection) => {
        if (isForceExitOrderId(r.order?.clientOrderId)) {
          notify('rejection', `forceexit:${r.order?.clientOrderId}`, forceExitRefusedMessage(r));
          return;
        }
        theLedger.noteStrategy(r.order?.strategy);
        const key = `rejection:${r.order?.account}:${r.order?.strategy}:${r.reason}`;
        notify('rejection', key, rejectionMessage(r));
      }),
    }),
  ];

  // Changes by anyone (the risk gate's automatic halts, the CLI, this bot) are told.
  const watch = await watchControl(controlKv, s.account, log, (prev, next) =>
    notify('control', `control:${s.account}:${next.revision}`, controlChangeMessage(prev, next)),
  );

  const saveLedger = async () => {
    if (!checkpoints) return;
    dirty = false;
    try {
      await saveCheckpoint(checkpoints, checkpointKey, theLedger.toState());
    } catch (e) {
      const err = (e as Error).message;
      if (/permissions violation/i.test(err)) {
        // Retrying cannot help; say once what to fix and run without a checkpoint.
        checkpoints = undefined;
        log.error(
          { err },
          'ledger checkpoints disabled: allow this NATS user to publish to $KV.checkpoints.>',
        );
        return;
      }
      dirty = true;
      log.warn({ err }, 'ledger checkpoint save failed');
    }
  };

  const sendDailySummary = async (periodEndMs = clock.now()) => {
    let controls: Control[] = [];
    try {
      controls = [await control.read()];
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'control state unavailable for the daily summary');
    }
    const message = buildDailySummary({
      periodStartMs: theLedger.periodStartMs,
      periodEndMs,
      accounts: theLedger.accounts(),
      controls,
    });
    notify('daily', `daily:${periodEndMs}`, message);
    theLedger.startPeriod(periodEndMs);
    log.info({ periodEndMs }, 'daily summary queued');
    await saveLedger();
  };

  // Overdue after a restart (the checkpoint's period began more than a day ago): sent on the first tick.
  let dailyDue = nextDailyDueMs(theLedger.periodStartMs, s.dailyAtUtc);
  let lastSave = monotonic();
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      for (const n of coalescer.due()) box.push(n);
      if (pendingTrigger !== undefined) {
        const p = previousDailyDueMs(pendingTrigger, s.dailyAtUtc);
        pendingTrigger = undefined;
        if (p > theLedger.periodStartMs && p <= clock.now()) {
          dailyDue = nextDailyDueMs(Math.max(clock.now(), p), s.dailyAtUtc);
          await sendDailySummary(p);
        }
      }
      if (s.dailyTrigger === 'self' && clock.now() >= dailyDue) {
        const due = dailyDue;
        dailyDue = nextDailyDueMs(Math.max(clock.now(), due), s.dailyAtUtc);
        await sendDailySummary(due);
      }
      if (dirty && monotonic() - lastSave > 30_000) {
        lastSave = monotonic();
        await saveLedger();
      }
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => {
    tick().catch((e: unknown) => log.error({ err: (e as Error).message }, 'notifier tick failed'));
  }, s.tickMs);
  timer.unref();

  log.info(
    {
      transport: transport.name,
      account: s.account,
      dailyAtUtc: s.dailyAtUtc,
      nextDailyMs: dailyDue,
      coalesceWindowMs: s.coalesceWindowMs,
      messagesPerMinute: s.messagesPerMinute,
    },
    'notifier running',
  );

  let stopped = false;
  return {
    ledger: theLedger,
    transport,
    stats,
    notify,
    sendDailySummary,
    idle: () => box.idle(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await bot?.stop();
      for (const c of consumers) await c.stop();
      await watch.stop();
      for (const n of coalescer.flushAll()) box.push(n);
      await box.close(5_000);
      if (dirty) await saveLedger();
      log.info({ ...stats() }, 'notifier stopped');
    },
  };
}
