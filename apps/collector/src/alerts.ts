import { type Bus, subjects } from '@algotrader/bus';
import { alertKey, type Clock } from '@algotrader/core';
import { codecs, pb } from '@algotrader/proto';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertInput {
  readonly severity: AlertSeverity;
  /** Stable machine code, e.g. `bar_rejected`, `exchange_gap`, `fetch_failed`. */
  readonly code: string;
  readonly message: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Business key: the same key is the same alert (also its message id, so a re-publish is dropped). */
  readonly dedupeKey?: string;
}

/** Where a stage reports what a human should know. Never blocks the caller. */
export interface AlertSink {
  alert(a: AlertInput): void;
  /** Waits for alerts in flight (tests, shutdown). */
  flush(): Promise<void>;
}

const SEVERITY = {
  info: pb.Severity.SEVERITY_INFO,
  warning: pb.Severity.SEVERITY_WARNING,
  critical: pb.Severity.SEVERITY_CRITICAL,
} as const;

/**
 * Publishes `Alert`s to `ops.alert.<severity>`. Fire-and-forget with a bound on alerts in flight:
 * beyond it alerts are dropped and counted, so a flood of bad bars never slows the data path.
 */
export class BusAlertSink implements AlertSink {
  published = 0;
  dropped = 0;
  failed = 0;
  readonly #inFlight = new Set<Promise<void>>();
  #seq = 0;

  constructor(
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly maxInFlight = 256,
  ) {}

  alert(a: AlertInput): void {
    if (this.#inFlight.size >= this.maxInFlight) {
      this.dropped += 1;
      return;
    }
    const timeMs = this.clock.now();
    const source = this.bus.service;
    const key = a.dedupeKey ?? `${timeMs}:${++this.#seq}`;
    const p = this.bus
      .publish(
        codecs.Alert,
        subjects.alert(a.severity),
        {
          severity: SEVERITY[a.severity],
          source,
          code: a.code,
          message: a.message,
          labels: { ...a.labels },
          timeMs,
          dedupeKey: a.dedupeKey ?? '',
        },
        { msgId: alertKey(source, a.code, key) },
      )
      .then(
        () => {
          this.published += 1;
        },
        (e: unknown) => {
          this.failed += 1;
          this.bus.log.warn({ code: a.code, err: (e as Error).message }, 'alert publish failed');
        },
      )
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  async flush(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}

/** Keeps alerts in memory and hands each to `onAlert` (the CLI prints them; tests read them). */
export class MemoryAlertSink implements AlertSink {
  readonly alerts: AlertInput[] = [];
  constructor(private readonly onAlert?: (a: AlertInput) => void) {}
  alert(a: AlertInput): void {
    this.alerts.push(a);
    this.onAlert?.(a);
  }
  async flush(): Promise<void> {}
}
