export { Coalescer, type Notification } from './coalescer';
export {
  COMMANDS,
  type CommandDeps,
  type CommandName,
  type CommandOrigin,
  Commands,
  type ControlAction,
  type ControlPort,
  controlMsgId,
  type ForceExitPort,
  type ForceExitRequest,
  type HistoryPort,
  isCommandName,
  type Read,
} from './commands';
export { natsControlPort, watchControl } from './control';
export {
  buildDailySummary,
  type DailySummaryInput,
  nextDailyDueMs,
  previousDailyDueMs,
} from './daily';
export { clip, escapeHtml, htmlToPlain, truncateLines } from './html';
export {
  type AccountSnapshot,
  type AccountState,
  drawdown,
  Ledger,
  type LedgerState,
  type PositionLine,
  periodPnl,
  type TradeStats,
} from './ledger';
export { type ExtraCommand, manualFillCommands } from './manual-commands';
export {
  type Notifier,
  type NotifierOptions,
  type NotifierStats,
  startNotifier,
  type TelegramSettings,
} from './notifier';
export { Outbox, type OutboxOptions, type OutboxStats, TokenBucket } from './outbox';
export {
  type InstrumentPerformance,
  type PerformanceReport,
  type ProfitDay,
  type ProfitReport,
  parseProfitDays,
  performanceOf,
  profitOf,
  profitSince,
} from './performance';
export {
  DEFAULT_LEVELS,
  EVENT_KINDS,
  type EventKind,
  type Level,
  NOTIFIER_ENV_KEYS,
  type NotifierSettings,
  type NotifierSettingsInput,
  NotifierSettingsSchema,
  parseNotifierSettings,
} from './settings';
export { startTelegramBot, type TelegramBot, type TelegramBotOptions, TelegramTransport } from './telegram';
export {
  alertMessage,
  coalescedMessage,
  controlChangeMessage,
  fillMessage,
  formatTime,
  type Message,
  NOTABLE_ORDER_STATES,
  orderEventMessage,
  rejectionMessage,
  type SuggestedOrder,
  signalSuggestionMessage,
} from './templates';
export { type ConsoleFileOptions, ConsoleFileTransport, type SendOptions, type Transport } from './transport';
