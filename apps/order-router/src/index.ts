export { bookFill, markAndRevalue } from './book';
export {
  localBook,
  orderNeeds,
  type Progress,
  type RouterAction,
  type RouterInput,
  type RouterOutput,
  type RouterState,
  routerDecider,
  routerState,
  type VenueCall,
} from './decider';
export { moveOrder, positionSnapshot } from './events';
export { buildNativeRouter, NATIVE_TOOLCHAIN, nativeRouterArgs, nativeRouterPaths } from './native';
export { type NotifySettings, type Suggestion, suggest, suggestionText } from './notify/manual';
export { NOTIFY_DURABLE, NotifyVenue, type NotifyVenueOptions, notifyVenueConsumer } from './notify/venue';
export { PaperVenue } from './paper-venue';
export { OrderRouter, type OrderRouterOptions } from './router';
export {
  type SwapAccountFields,
  type SwapFigures,
  type SwapPositionFields,
  swapFigures,
  writeSwapMetrics,
} from './swap-metrics';
export type {
  HaltRequest,
  LocalBook,
  OrderRecord,
  ReconcileResult,
  Venue,
  VenueAlert,
  VenueContext,
  VenueFill,
  VenueOrder,
  VenueReport,
  VenueResult,
  VenueSeverity,
  VenueSnapshot,
} from './venue';
export { createVenue, VENUES, type VenueEntry } from './venues';
