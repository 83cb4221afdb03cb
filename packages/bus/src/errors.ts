/** Thrown by a handler to say "retrying will not help": the message goes to the dead-letter subject now. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * The server refused a subject to this user (infra/nats/auth.conf): retrying cannot help, and the
 * error names the subject, so it is reported as it is.
 */
export function isPermissionError(e: unknown): boolean {
  for (
    let c = e as { message?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0;
    c && depth < 5;
    depth++
  ) {
    if (c.name === 'PermissionViolationError' || /permissions violation/i.test(String(c.message ?? '')))
      return true;
    c = c.cause as typeof c;
  }
  return false;
}

/** Errors after which the same publish (same Nats-Msg-Id) may be tried again. */
export function isRetryablePublishError(e: unknown): boolean {
  if (isPermissionError(e)) return false;
  const name = (e as Error)?.name ?? '';
  const msg = String((e as Error)?.message ?? '');
  // nats.js reports "no responders" to a JetStream publish as JetStreamNotEnabled: in a cluster
  // that is a stream without a leader for a moment (a node died, an election runs).
  if (name === 'JetStreamNotEnabled' || /jetstream is not enabled/i.test(msg)) return true;
  return (
    name === 'TimeoutError' ||
    name === 'NoRespondersError' ||
    name === 'RequestError' ||
    name === 'ConnectionError' ||
    /timeout|no responders|503|disconnect|reconnect|connection/i.test(msg)
  );
}

/**
 * The reason when the server refused a publish because the stream or the JetStream store is full
 * (the stream's max_bytes or max_msgs with discard new, or the server's store limit or disk):
 * nothing was stored; it can succeed once space is made, so callers retry, count and alert.
 */
export function storeFullReason(e: unknown): string | undefined {
  for (let c = e as { message?: unknown; cause?: unknown } | undefined, depth = 0; c && depth < 5; depth++) {
    const m =
      /maximum (bytes|messages)[^;]* exceeded|insufficient (resources|storage)|no space left on device/i.exec(
        String(c.message ?? ''),
      );
    if (m) return m[0];
    c = c.cause as typeof c;
  }
  return undefined;
}

/** A publish that got no answer at all (as opposed to a refusal the server explained). */
export function isUnansweredPublish(e: unknown): boolean {
  const name = (e as Error)?.name ?? '';
  return name === 'TimeoutError' || /^timeout$/i.test(String((e as Error)?.message ?? ''));
}

/**
 * The text of a publish that failed after every attempt. A publish nobody answered gets the likely
 * causes and the way out: nats-server down or unreachable, or its JetStream store's disk full —
 * nats-server 2.9 then stops answering for that stream (and for the connection that published)
 * and recovers only when restarted after space is freed; later servers disable JetStream instead
 * (docs/DEPLOY.md, "JetStream storage").
 */
export function publishFailureText(e: unknown, attempts: number, timeoutMs: number): string {
  const message = (e as Error)?.message ?? String(e);
  if (!isUnansweredPublish(e)) return message;
  return unansweredText(`${attempts} attempts of ${timeoutMs} ms`);
}

/** Why JetStream may not answer and what to do, for an error after `what` (attempts, a request). */
export function unansweredText(what: string): string {
  return `no answer from JetStream (${what}): the NATS server is down or unreachable, or the disk of its JetStream store is full — free space there and restart nats-server if it stays silent (docs/DEPLOY.md, "JetStream storage")`;
}
