/**
 * Typed errors with stable codes. Expected outcomes (a risk denial, a below-minimum order) are
 * returned values, never thrown; these are for broken invariants and unusable input.
 */
export const ErrorCode = {
  InvalidInstrument: 'E_INSTRUMENT',
  InvalidTimeframe: 'E_TIMEFRAME',
  InvalidBar: 'E_BAR',
  InvalidData: 'E_DATA',
  InvalidConfig: 'E_CONFIG',
  InvalidArgument: 'E_ARGUMENT',
  Decode: 'E_DECODE',
  Transport: 'E_TRANSPORT',
  Timeout: 'E_TIMEOUT',
  NotFound: 'E_NOT_FOUND',
  Conflict: 'E_CONFLICT',
  Broker: 'E_BROKER',
  Internal: 'E_INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AlgoError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AlgoError';
    this.code = code;
    this.details = details;
  }
}

export function isAlgoError(e: unknown, code?: ErrorCode): e is AlgoError {
  return e instanceof AlgoError && (code === undefined || e.code === code);
}

/** Exhaustiveness check for `switch` over a union. */
export function assertNever(x: never, what = 'value'): never {
  throw new AlgoError(ErrorCode.Internal, `unexpected ${what}: ${String(x)}`);
}
