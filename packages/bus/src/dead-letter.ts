import { createHash } from 'node:crypto';
import type { DeadLetter } from '@algotrader/proto';
import type { MsgHdrs } from '@nats-io/nats-core';

/**
 * How much of a refused message a dead letter carries. The message itself stays in its stream at
 * (stream, sequence), so the dead letter is a reference with a readable prefix, never a copy: a
 * message near the server's max_payload must not make its own dead letter too big to publish.
 */
export const DEAD_LETTER_PREFIX_BYTES = 4_096;
const MAX_HEADERS = 32;
const MAX_HEADER_VALUE = 256;
const MAX_REASON = 1_000;

/** Headers a dead letter adds about the payload (besides the original message's own). */
export const DL_PAYLOAD_BYTES = 'Dead-Letter-Payload-Bytes';
export const DL_PAYLOAD_SHA256 = 'Dead-Letter-Payload-Sha256';
export const DL_PAYLOAD_TRUNCATED = 'Dead-Letter-Payload-Truncated';

export interface DeadLetterInput {
  readonly subject: string;
  readonly stream: string;
  readonly streamSeq: number;
  readonly consumer: string;
  readonly deliveries: number;
  readonly reason: string;
  readonly payload: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  readonly timeMs: number;
}

/**
 * The dead letter of a message, bounded whatever the message: a payload prefix of at most
 * `DEAD_LETTER_PREFIX_BYTES` with the full size and SHA-256, at most 32 original headers of at
 * most 256 characters, the reason clipped. `minimal` drops payload and original headers (the
 * last resort when even the bounded letter cannot be stored).
 */
export function boundedDeadLetter(i: DeadLetterInput, opts: { minimal?: boolean } = {}): DeadLetter {
  const keep = opts.minimal ? 0 : Math.min(i.payload.length, DEAD_LETTER_PREFIX_BYTES);
  const headers: Record<string, string> = {};
  if (!opts.minimal && i.headers) {
    let n = 0;
    for (const [k, v] of i.headers) {
      if (n++ >= MAX_HEADERS) break;
      headers[k.slice(0, MAX_HEADER_VALUE)] = clip(v.join(','), MAX_HEADER_VALUE);
    }
  }
  headers[DL_PAYLOAD_BYTES] = String(i.payload.length);
  headers[DL_PAYLOAD_SHA256] = createHash('sha256').update(i.payload).digest('hex');
  headers[DL_PAYLOAD_TRUNCATED] = String(keep < i.payload.length);
  return {
    subject: i.subject,
    stream: i.stream,
    streamSeq: i.streamSeq,
    consumer: i.consumer,
    deliveries: i.deliveries,
    reason: clip(i.reason, MAX_REASON),
    payload: i.payload.subarray(0, keep),
    headers,
    timeMs: i.timeMs,
  };
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
