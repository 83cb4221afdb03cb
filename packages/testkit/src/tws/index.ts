export {
  TWS_SERVER_VERSION,
  type TwsExecution,
  type TwsFault,
  type TwsOrder,
  TwsServer,
  type TwsServerOptions,
} from './server';
