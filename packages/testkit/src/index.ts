export { bundledData, repoRoot } from './data';
export { InfluxDB1, type InfluxSeries, type InfluxStatementResult } from './influxdb1';
export { ClusterNode, NatsCluster, type NatsClusterOptions } from './nats-cluster';
export { NatsServer, type NatsServerOptions } from './nats-server';
export {
  OKX_BAR,
  type OkxFault,
  type OkxFaultKind,
  type OkxInstrumentSpec,
  type OkxRequestLog,
  OkxServer,
  type OkxServerOptions,
} from './okx/server';
export type { OkxSpotInstrumentSpec } from './okx-trade/exchange';
export {
  type OkxTradeCredentials,
  type OkxTradeFault,
  type OkxTradeFaultKind,
  type OkxTradeRequestLog,
  OkxTradeServer,
  type OkxTradeServerOptions,
} from './okx-trade/server';
export type { OkxSwapInstrumentSpec, SwapBill, SwapOrder } from './okx-trade/swap';
export { freePort } from './ports';
export {
  descendants,
  endProcess,
  endTracked,
  killTracked,
  PID_DIR_ENV,
  type PidRecord,
  type ProcInfo,
  processScope,
  reapRecorded,
  recordProcess,
  setProcessScope,
  signalGroup,
  spawnGroup,
} from './process';
export { syntheticBars } from './synthetic';
export {
  type BotCommandEntry,
  checkTelegramHtml,
  type HtmlCheck,
  type SentMessage,
  type TelegramCall,
  type TelegramFault,
  TelegramServer,
  type TelegramServerOptions,
} from './telegram';
export { scaled, sleep, TIME_SCALE_ENV, timeScale, waitFor, within } from './timing';
export {
  TWS_SERVER_VERSION,
  TWS_STOCKS,
  type TwsExecution,
  type TwsFault,
  type TwsOrder,
  TwsServer,
  type TwsServerOptions,
} from './tws/index';
export { type ExportedSeries, VictoriaMetrics, type VictoriaMetricsOptions } from './victoria';
