export type {
  BrokerContext,
  BrokerFactory,
  BrokerFill,
  BrokerOrder,
  BrokerReport,
  BrokerSnapshot,
  LiveBroker,
} from './broker';
export { fillMessage, moveOrder, orderStatePb, positionSnapshot } from './events';
export { LiveRouter, type LiveRouterOptions } from './live';
export { PaperRouter, type PaperRouterOptions } from './paper';
