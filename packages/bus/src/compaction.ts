import { AlgoError, ErrorCode } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import type { Bus, BusLogger } from './bus';

type Nc = Bus['nc'];

/**
 * Core-NATS request subject on which the Parquet store's writer (the collector running its archiver)
 * compacts the store when asked. Deliberately outside every stream's subjects (`ops.>` is the OPS
 * stream, which would answer a request with a PubAck), so the reply comes from the writer itself.
 */
export const COMPACT_SUBJECT = 'svc.collector.compact';

/** What `ParquetStore.compact()` reports. */
export interface CompactionSummary {
  readonly partitions: number;
  readonly filesBefore: number;
  readonly filesAfter: number;
  readonly rows: number;
}

/** Request body (protobuf StoreCompactRequest). */
export interface CompactRequest {
  readonly job: string;
  readonly scheduledMs: number;
  /** The scheduler replica asking. */
  readonly requestedBy: string;
}

/** Reply, decoded from protobuf StoreCompactReply. */
export type CompactReply =
  | ({ readonly ok: true; readonly durationMs: number } & CompactionSummary)
  | { readonly ok: false; readonly error: string };

/**
 * Asks the store's writer to compact and waits for its answer. Fails at once when nothing
 * subscribes to {@link COMPACT_SUBJECT} (NATS "no responders"), and after `timeoutMs` without an answer.
 */
export async function requestCompaction(
  nc: Nc,
  req: CompactRequest,
  timeoutMs: number,
): Promise<CompactionSummary & { durationMs: number }> {
  let data: Uint8Array;
  try {
    const m = await nc.request(COMPACT_SUBJECT, codecs.StoreCompactRequest.encode(req), {
      timeout: timeoutMs,
    });
    data = m.data;
  } catch (e) {
    const noResponders =
      (e as { isNoResponders?: () => boolean }).isNoResponders?.() === true ||
      /no responders|503/i.test(String((e as Error)?.message));
    if (noResponders) {
      throw new AlgoError(
        ErrorCode.Transport,
        `nothing serves ${COMPACT_SUBJECT}: the store's writer (the collector with COLLECTOR_ARCHIVER=true) must answer compaction requests, or set SCHEDULER_STORE_WRITER=scheduler when no archiver runs`,
        { subject: COMPACT_SUBJECT },
        { cause: e },
      );
    }
    throw new AlgoError(
      ErrorCode.Timeout,
      `compaction request on ${COMPACT_SUBJECT} got no answer within ${timeoutMs} ms: ${(e as Error)?.message}`,
      { subject: COMPACT_SUBJECT },
      { cause: e },
    );
  }
  let r: ReturnType<typeof codecs.StoreCompactReply.decode>;
  try {
    r = codecs.StoreCompactReply.decode(data);
  } catch (e) {
    throw new AlgoError(
      ErrorCode.Decode,
      `compaction reply is not a StoreCompactReply: ${(e as Error).message}`,
    );
  }
  if (!r.ok)
    throw new AlgoError(ErrorCode.Internal, `the store's writer could not compact: ${r.error ?? ''}`);
  return {
    partitions: r.partitions ?? 0,
    filesBefore: r.filesBefore ?? 0,
    filesAfter: r.filesAfter ?? 0,
    rows: Number(r.rows ?? 0),
    durationMs: r.durationMs ?? 0,
  };
}

export interface CompactionServer {
  /** Requests answered so far. */
  readonly served: number;
  stop(): Promise<void>;
}

/**
 * The writer's side: answers compaction requests by running `compact` (for the collector,
 * `() => store.compact()` on the archiver's own `ParquetStore`, whose calls are serialized with the
 * archiver's appends, so the store keeps its single writer). Concurrent requests share one run.
 * Written against the NATS connection only, so it can move to a package the collector imports.
 */
export function serveCompactionRequests(
  nc: Nc,
  compact: () => Promise<CompactionSummary>,
  opts: { log?: BusLogger; queue?: string } = {},
): CompactionServer {
  let served = 0;
  let running: Promise<CompactReply> | undefined;
  const run = (): Promise<CompactReply> => {
    running ??= (async (): Promise<CompactReply> => {
      const started = performance.now();
      try {
        const r = await compact();
        return {
          ok: true,
          partitions: r.partitions,
          filesBefore: r.filesBefore,
          filesAfter: r.filesAfter,
          rows: r.rows,
          durationMs: Math.round(performance.now() - started),
        };
      } catch (e) {
        return { ok: false, error: (e as Error)?.message ?? String(e) };
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const sub = nc.subscribe(COMPACT_SUBJECT, {
    queue: opts.queue ?? 'store-writer',
    callback: (err, m) => {
      if (err) {
        opts.log?.warn({ err: err.message }, 'compaction subscription failed');
        return;
      }
      let req: Partial<CompactRequest> = {};
      try {
        const d = codecs.StoreCompactRequest.decode(m.data);
        req = { job: d.job ?? '', scheduledMs: Number(d.scheduledMs ?? 0), requestedBy: d.requestedBy ?? '' };
      } catch {
        // An undecodable body still means "compact now"; the log shows who asked when it decodes.
      }
      void run().then((reply) => {
        served += 1;
        opts.log?.info({ ...req, ...reply }, reply.ok ? 'store compacted on request' : 'compaction failed');
        m.respond(codecs.StoreCompactReply.encode(reply));
      });
    },
  });
  return {
    get served() {
      return served;
    },
    stop: async () => {
      sub.unsubscribe();
      await running;
    },
  };
}
