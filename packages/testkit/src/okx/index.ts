export {
  OKX_BAR,
  type OkxFault,
  type OkxFaultKind,
  type OkxInstrumentSpec,
  type OkxRequestLog,
  OkxServer,
  type OkxServerOptions,
} from './server';
