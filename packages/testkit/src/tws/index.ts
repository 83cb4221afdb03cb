export {
  TWS_SERVER_VERSION,
  TWS_STOCKS,
  type TwsExecution,
  type TwsFault,
  type TwsOrder,
  TwsServer,
  type TwsServerOptions,
} from './server';
