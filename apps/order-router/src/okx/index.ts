export { type Lookup, OkxBroker, type OkxOrderView } from './broker';
export { createOkxTradeClient, type OkxConnectionOptions } from './client';
export { classifyOkxError, type OkxErrorClass } from './errors';
export { fillId, statusFromOkx } from './mapping';
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
  OkxFill,
  OrderMove,
  ReconcileFailure,
  ReconcileOptions,
  ReconcileQuery,
  ReconcileReport,
  ReconcileVerdict,
  RejectReason,
  SubmitResult,
} from './types';
export {
  createOkxSpotVenue,
  decimalString,
  OkxSpotVenue,
  type OkxSpotVenueOptions,
  toOrderRequest,
} from './venue';
