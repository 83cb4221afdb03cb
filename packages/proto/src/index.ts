import $protobuf from 'protobufjs/minimal.js';
import type { FundingRateMsg } from './funding';
import { algotrader } from './gen/algotrader.js';
import type { BarMsg } from './market';

export { decodeFundingRate, encodeFundingRate, type FundingRateMsg, type LiveFundingRate } from './funding';
export { barAt, type DecodeBarOptions, decodeBar, encodeBar } from './market';

// int64 fields are milliseconds and sequence numbers, all far below 2^53: decode them to plain
// numbers rather than Long objects (the generated code was built with --force-number).
$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();

/** Generated protobuf classes of package `algotrader.v1` (from proto/, by `npm run proto:gen`). */
export const pb = algotrader.v1;
export type { algotrader } from './gen/algotrader.js';

/** Minimal shape every generated message class has. */
export interface MessageClass<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  verify(message: Record<string, unknown>): string | null;
  fromObject(object: Record<string, unknown>): T;
  toObject(message: T, options?: Record<string, unknown>): Record<string, unknown>;
}

/** A message type with its fully qualified protobuf name (the `Proto-Type` header). */
export interface Codec<T> {
  readonly typeName: string;
  encode(message: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  toJSON(message: T): Record<string, unknown>;
}

function codec<T>(name: string, cls: MessageClass<T>): Codec<T> {
  return {
    typeName: `algotrader.v1.${name}`,
    encode: (m) => cls.encode(m).finish(),
    decode: (b) => cls.decode(b),
    toJSON: (m) =>
      cls.toObject(m, { longs: Number, enums: String, defaults: true, oneofs: true, bytes: String }),
  };
}

/*
 * Wire types. The three whose plain name is also a domain type's name carry a `Msg` suffix
 * (`BarMsg` vs core `Bar`, `OrderRequestMsg` vs portfolio's `PlannedOrder`, `FillMsg` vs the
 * backtest's simulated `Fill`), so one file can use both without an import alias and a reader
 * always knows which layer a value belongs to.
 */
export type { BarMsg } from './market';
export type OrderRequestMsg = algotrader.v1.IOrderRequest;
export type FillMsg = algotrader.v1.IFill;
export type BarSetClosed = algotrader.v1.IBarSetClosed;
export type FeatureVector = algotrader.v1.IFeatureVector;
export type Signal = algotrader.v1.ISignal;
export type RiskRejection = algotrader.v1.IRiskRejection;
export type OrderEvent = algotrader.v1.IOrderEvent;
export type PositionSnapshot = algotrader.v1.IPositionSnapshot;
export type Alert = algotrader.v1.IAlert;
export type Heartbeat = algotrader.v1.IHeartbeat;
export type ControlCommand = algotrader.v1.IControlCommand;
export type DeadLetter = algotrader.v1.IDeadLetter;
export type ControlState = algotrader.v1.IControlState;
export type SignalSetClosed = algotrader.v1.ISignalSetClosed;
export type SweepJob = algotrader.v1.ISweepJob;
export type StoreCompactRequest = algotrader.v1.IStoreCompactRequest;
export type StoreCompactReply = algotrader.v1.IStoreCompactReply;
export type SweepResult = algotrader.v1.ISweepResult;
export type ForceExit = algotrader.v1.IForceExit;

export const codecs = {
  Bar: codec<BarMsg>('Bar', pb.Bar as unknown as MessageClass<BarMsg>),
  BarSetClosed: codec<BarSetClosed>('BarSetClosed', pb.BarSetClosed as unknown as MessageClass<BarSetClosed>),
  FeatureVector: codec<FeatureVector>(
    'FeatureVector',
    pb.FeatureVector as unknown as MessageClass<FeatureVector>,
  ),
  Signal: codec<Signal>('Signal', pb.Signal as unknown as MessageClass<Signal>),
  OrderRequest: codec<OrderRequestMsg>(
    'OrderRequest',
    pb.OrderRequest as unknown as MessageClass<OrderRequestMsg>,
  ),
  RiskRejection: codec<RiskRejection>(
    'RiskRejection',
    pb.RiskRejection as unknown as MessageClass<RiskRejection>,
  ),
  OrderEvent: codec<OrderEvent>('OrderEvent', pb.OrderEvent as unknown as MessageClass<OrderEvent>),
  Fill: codec<FillMsg>('Fill', pb.Fill as unknown as MessageClass<FillMsg>),
  PositionSnapshot: codec<PositionSnapshot>(
    'PositionSnapshot',
    pb.PositionSnapshot as unknown as MessageClass<PositionSnapshot>,
  ),
  Alert: codec<Alert>('Alert', pb.Alert as unknown as MessageClass<Alert>),
  Heartbeat: codec<Heartbeat>('Heartbeat', pb.Heartbeat as unknown as MessageClass<Heartbeat>),
  ControlCommand: codec<ControlCommand>(
    'ControlCommand',
    pb.ControlCommand as unknown as MessageClass<ControlCommand>,
  ),
  DeadLetter: codec<DeadLetter>('DeadLetter', pb.DeadLetter as unknown as MessageClass<DeadLetter>),
  SignalSetClosed: codec<SignalSetClosed>(
    'SignalSetClosed',
    pb.SignalSetClosed as unknown as MessageClass<SignalSetClosed>,
  ),
  SweepJob: codec<SweepJob>('SweepJob', pb.SweepJob as unknown as MessageClass<SweepJob>),
  SweepResult: codec<SweepResult>('SweepResult', pb.SweepResult as unknown as MessageClass<SweepResult>),
  StoreCompactRequest: codec<StoreCompactRequest>(
    'StoreCompactRequest',
    pb.StoreCompactRequest as unknown as MessageClass<StoreCompactRequest>,
  ),
  StoreCompactReply: codec<StoreCompactReply>(
    'StoreCompactReply',
    pb.StoreCompactReply as unknown as MessageClass<StoreCompactReply>,
  ),
  ControlState: codec<ControlState>('ControlState', pb.ControlState as unknown as MessageClass<ControlState>),
  ForceExit: codec<ForceExit>('ForceExit', pb.ForceExit as unknown as MessageClass<ForceExit>),
  FundingRate: codec<FundingRateMsg>(
    'FundingRate',
    pb.FundingRate as unknown as MessageClass<FundingRateMsg>,
  ),
} as const;

export type MessageName = keyof typeof codecs;

/** Looks a codec up by its `Proto-Type` header value, e.g. `algotrader.v1.Bar`. */
export function codecByTypeName(typeName: string): Codec<unknown> | undefined {
  for (const c of Object.values(codecs)) if (c.typeName === typeName) return c as Codec<unknown>;
  return undefined;
}
