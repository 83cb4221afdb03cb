export type {
  OkxSpotInstrumentSpec,
  SimFill,
  SimOrder,
  SimOrderState,
  SpotExchange,
  SpotInstrument,
} from './exchange';
export {
  type OkxTradeCredentials,
  type OkxTradeFault,
  type OkxTradeFaultKind,
  type OkxTradeRequestLog,
  OkxTradeServer,
  type OkxTradeServerOptions,
} from './server';
