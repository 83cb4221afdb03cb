import { AlgoError, ErrorCode } from '@algotrader/core';

/** Throws unless `period` is an integer ≥ `min`. */
export function checkPeriod(feature: string, name: string, value: number, min = 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `${feature}: ${name} must be an integer >= ${min}, got ${value}`,
      { feature, [name]: value },
    );
  }
}

/** Throws unless `value` is finite and ≥ `min`. */
export function checkParam(feature: string, name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `${feature}: ${name} must be finite and >= ${min}, got ${value}`,
      {
        feature,
        [name]: value,
      },
    );
  }
}

/**
 * Inputs must be finite: a NaN price is bad data to reject upstream (architecture invariant 5),
 * never something an indicator silently smooths over. Checked before any state changes.
 */
export function checkFinite(feature: string, x: number): void {
  if (!Number.isFinite(x)) {
    throw new AlgoError(ErrorCode.InvalidData, `${feature}: input must be finite, got ${x}`, {
      feature,
      input: x,
    });
  }
}

export function checkSameLength(feature: string, ...columns: ArrayLike<number>[]): number {
  const n = columns[0]?.length ?? 0;
  for (const c of columns) {
    if (c.length !== n) {
      throw new AlgoError(ErrorCode.InvalidArgument, `${feature}: input columns differ in length`, {
        feature,
        lengths: columns.map((col) => col.length),
      });
    }
  }
  return n;
}

/** Re-throws an update error from a batch loop with the offending row index attached. */
export function atRow(feature: string, index: number, error: unknown): AlgoError {
  if (error instanceof AlgoError) {
    return new AlgoError(
      error.code,
      `${error.message} (row ${index})`,
      { ...error.details, feature, index },
      {
        cause: error,
      },
    );
  }
  return new AlgoError(
    ErrorCode.Internal,
    `${feature}: failed at row ${index}`,
    { feature, index },
    { cause: error },
  );
}
