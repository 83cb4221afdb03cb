import { AlgoError, ErrorCode } from '@algotrader/core';
import type { BrokerFactory } from '../broker';
import { createOkxLiveBroker } from './adapter';

export { createOkxLiveBroker, decimalString, OkxLiveBroker, toOrderRequest } from './adapter';
export { type Lookup, OkxBroker, type OkxOrderView } from './broker';
export { createOkxTradeClient, type OkxConnectionOptions } from './client';
export { classifyOkxError, type OkxErrorClass } from './errors';
export { fillId, fromProtoState, statusFromOkx, toProtoState } from './mapping';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export type {
  BrokerUpdate,
  CancelResult,
  HaltReason,
  HaltSignal,
  LocalOrder,
  LocalPosition,
  Mismatch,
  MismatchKind,
  OkxBrokerLogger,
  OkxBrokerOptions,
  ReconcileFailure,
  ReconcileOptions,
  ReconcileQuery,
  ReconcileReport,
  ReconcileVerdict,
  RejectReason,
  SubmitResult,
} from './types';

/**
 * The order-router's exchange broker for `broker: okx` pipelines (loaded by `src/main.ts`):
 * OKX spot through ccxt, keys from `config.okx` (OKX_API_KEY, OKX_SECRET, OKX_PASSWORD;
 * OKX_REST_URL and OKX_SANDBOX optional). Refuses to start without keys.
 */
export const createBroker: BrokerFactory = async (ctx) => {
  const okx = ctx.config.okx;
  const missing = (
    [
      ['OKX_API_KEY', okx.apiKey],
      ['OKX_SECRET', okx.secret],
      ['OKX_PASSWORD', okx.password],
    ] as const
  )
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `OKX broker for account ${ctx.pipeline.account}: missing ${missing.join(', ')} (set them in the environment)`,
    );
  }
  return createOkxLiveBroker({
    account: ctx.pipeline.account,
    apiKey: okx.apiKey!,
    secret: okx.secret!,
    password: okx.password!,
    restUrl: okx.restUrl,
    sandbox: okx.sandbox,
    clock: { now: () => Date.now() },
    symbols: ctx.pipeline.instruments.map((i) => `${i.base}/${i.quote}`),
    logger: ctx.log,
  });
};
