/** Thrown by a handler to say "retrying will not help": the message goes to the dead-letter subject now. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Errors after which the same publish (same Nats-Msg-Id) may be tried again. */
export function isRetryablePublishError(e: unknown): boolean {
  const name = (e as Error)?.name ?? '';
  const msg = String((e as Error)?.message ?? '');
  return (
    name === 'TimeoutError' ||
    name === 'NoRespondersError' ||
    name === 'RequestError' ||
    name === 'ConnectionError' ||
    /timeout|no responders|503|disconnect|reconnect|connection/i.test(msg)
  );
}
