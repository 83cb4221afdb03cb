import type { Clock } from '@algotrader/core';
import { HttpError, InfluxDB, Point, type WriteApi } from '@influxdata/influxdb-client';
import { Ring } from './ring';
import { emptyStats, type MetricFields, type MetricsSink, type MetricTags, type SinkStats } from './sink';

/** What the sink reports about its connection; services pass their pino logger. */
export interface SinkLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface InfluxSinkOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8086`. */
  url: string;
  token?: string;
  org: string;
  bucket: string;
  /** Tags added to every point (e.g. service, instance). */
  defaultTags?: Record<string, string>;
  /** Points per write request. Default 500. */
  batchSize?: number;
  /** A partial batch is written after at most this long, ms. Default 1 000. */
  flushIntervalMs?: number;
  /**
   * Points kept while the server is unreachable; beyond that the oldest are dropped (and counted).
   * One batch in flight comes on top. Default 50 000.
   */
  maxBufferedPoints?: number;
  /** Retry delay after the first failed write, doubled per failure up to `maxRetryDelayMs`. Default 250. */
  minRetryDelayMs?: number;
  /** Default 30 000. */
  maxRetryDelayMs?: number;
  /** HTTP request timeout, ms. Default 5 000. */
  requestTimeoutMs?: number;
  /** Time source for points recorded without a timestamp. Default: the wall clock. */
  clock?: Clock;
  logger?: SinkLogger;
}

const wallClock: Clock = { now: () => Date.now() };
const silentLogger: SinkLogger = { info() {}, warn() {} };

/**
 * A {@link MetricsSink} writing to the InfluxDB v2 write API (`/api/v2/write`, ms precision) through
 * `@influxdata/influxdb-client`.
 *
 * The client's own WriteApi batching starts a request for every full batch, with no bound on
 * requests in flight, and its retry buffer loses points after `maxRetries`. Here the client does
 * line-protocol encoding and HTTP, while batching and retry are ours: points go into a bounded
 * ring, one request is in flight at a time, a failed batch goes back to the front of the ring and
 * is retried with exponential backoff for as long as it takes, and only overflow (oldest first) or
 * a definitive refusal (HTTP 4xx) loses points — each counted.
 */
export class InfluxSink implements MetricsSink {
  readonly #api: WriteApi;
  readonly #ring: Ring<string>;
  readonly #batchSize: number;
  readonly #minRetryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #clock: Clock;
  readonly #log: SinkLogger;
  readonly #stats: SinkStats = emptyStats();
  readonly #interval: NodeJS.Timeout;
  #inFlight = 0;
  #sending: Promise<Error | undefined> | undefined;
  #kickScheduled = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(opts: InfluxSinkOptions) {
    this.#batchSize = positiveInt(opts.batchSize ?? 500, 'batchSize');
    this.#ring = new Ring(positiveInt(opts.maxBufferedPoints ?? 50_000, 'maxBufferedPoints'));
    this.#minRetryDelayMs = opts.minRetryDelayMs ?? 250;
    this.#maxRetryDelayMs = opts.maxRetryDelayMs ?? 30_000;
    this.#clock = opts.clock ?? wallClock;
    this.#log = opts.logger ?? silentLogger;
    const influx = new InfluxDB({
      url: opts.url,
      ...(opts.token ? { token: opts.token } : {}),
      timeout: opts.requestTimeoutMs ?? 5_000,
    });
    this.#api = influx.getWriteApi(opts.org, opts.bucket, 'ms', {
      // The client only sends when told to (flush), exactly the batch it was handed, once.
      batchSize: this.#batchSize + 1,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0,
      // Returning a promise makes the client hand the error to flush() instead of logging it to the
      // console and parking the lines in its own retry buffer.
      writeFailed: (error: Error) => Promise.reject(error),
      ...(opts.defaultTags ? { defaultTags: opts.defaultTags } : {}),
    });
    this.#interval = setInterval(() => {
      if (this.#ring.size > 0) this.#kick();
    }, opts.flushIntervalMs ?? 1_000);
    this.#interval.unref();
  }

  point(measurement: string, tags: MetricTags, fields: MetricFields, timeMs?: number): void {
    if (this.#closed) {
      this.#stats.dropped += 1;
      return;
    }
    const p = new Point(measurement);
    for (const k in tags) p.tag(k, tags[k] as string);
    let usable = 0;
    for (const k in fields) {
      const v = fields[k];
      if (typeof v === 'number') {
        if (Number.isFinite(v)) {
          p.floatField(k, v);
          usable += 1;
        }
      } else if (typeof v === 'boolean') {
        p.booleanField(k, v);
        usable += 1;
      } else if (typeof v === 'string') {
        p.stringField(k, v);
        usable += 1;
      }
    }
    const line = usable > 0 ? p.timestamp(timeMs ?? this.#clock.now()).toLineProtocol(this.#api) : undefined;
    if (line === undefined) {
      this.#stats.invalid += 1;
      return;
    }
    this.#stats.dropped += this.#ring.push(line);
    if (this.#ring.size >= this.#batchSize) this.#kick();
  }

  async flush(): Promise<void> {
    while (this.#sending) await this.#sending;
    const error = await this.#pump(true, this.#ring.size);
    if (error) throw error;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#interval);
    this.#clearRetry();
    while (this.#sending) await this.#sending;
    await this.#pump(true, this.#ring.size);
    // Whatever the server did not take now is lost: count it.
    this.#stats.dropped += this.#ring.clear();
    await this.#api.close().catch(() => {});
  }

  stats(): SinkStats {
    return { ...this.#stats, buffered: this.#ring.size + this.#inFlight };
  }

  /** Starts a background send soon, off the caller's stack, unless one is running or backing off. */
  #kick(): void {
    if (this.#kickScheduled || this.#sending || this.#retryTimer || this.#closed) return;
    this.#kickScheduled = true;
    setImmediate(() => {
      this.#kickScheduled = false;
      if (!this.#sending && !this.#retryTimer && !this.#closed)
        void this.#pump(false, Number.POSITIVE_INFINITY);
    });
  }

  /**
   * Sends batches, one request at a time, until `limit` points were handed over or the ring is
   * empty. Stops at the first retryable failure (the batch is back in the ring and a retry is
   * scheduled) and returns that error; a refused batch is counted and sending goes on.
   */
  #pump(force: boolean, limit: number): Promise<Error | undefined> {
    if (this.#sending) return this.#sending;
    const run = async (): Promise<Error | undefined> => {
      let firstError: Error | undefined;
      let left = limit;
      while (left > 0 && this.#ring.size > 0 && (force || !this.#retryTimer)) {
        const batch = this.#ring.shift(Math.min(this.#batchSize, left));
        left -= batch.length;
        this.#inFlight = batch.length;
        try {
          this.#api.writeRecords(batch);
          await this.#api.flush();
          this.#onSuccess(batch.length);
        } catch (e) {
          const error = e instanceof Error ? e : new Error(String(e));
          firstError ??= error;
          this.#stats.failedWrites += 1;
          this.#stats.lastError = error.message;
          if (!isRetryable(error)) {
            this.#stats.rejected += batch.length;
            this.#log.warn(
              { err: error.message, points: batch.length },
              'metrics write refused; points discarded',
            );
            continue;
          }
          this.#stats.dropped += this.#ring.unshiftAll(batch);
          this.#onRetryableFailure(error);
          break;
        } finally {
          this.#inFlight = 0;
        }
      }
      return firstError;
    };
    const sending = run().finally(() => {
      this.#sending = undefined;
    });
    this.#sending = sending;
    return sending;
  }

  #onSuccess(points: number): void {
    this.#stats.written += points;
    this.#stats.lastWriteMs = Date.now();
    if (this.#stats.consecutiveFailures > 0) {
      this.#log.info({ failures: this.#stats.consecutiveFailures }, 'metrics server reachable again');
    }
    this.#stats.consecutiveFailures = 0;
    this.#clearRetry();
  }

  #onRetryableFailure(error: Error): void {
    const failures = ++this.#stats.consecutiveFailures;
    if (failures === 1) {
      this.#log.warn({ err: error.message }, 'metrics write failed; buffering and retrying');
    }
    if (this.#closed) return;
    const base = Math.min(this.#minRetryDelayMs * 2 ** Math.min(failures - 1, 30), this.#maxRetryDelayMs);
    // Jitter so that many services do not hammer a restarted server in lockstep.
    const delay = base / 2 + Math.random() * (base / 2);
    this.#clearRetry();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#ring.size > 0) this.#kick();
    }, delay);
    this.#retryTimer.unref();
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}

/** Network errors, timeouts, 408, 429 and 5xx are worth retrying; any other HTTP status is final. */
function isRetryable(e: Error): boolean {
  if (!(e instanceof HttpError)) return true;
  return e.statusCode === 408 || e.statusCode === 429 || e.statusCode >= 500;
}

function positiveInt(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
  return n;
}
