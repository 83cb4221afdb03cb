export {
  Account,
  type AccountBook,
  type AccountOptions,
  type AccountPosition,
  DAY_MS,
  dayOf,
  type Position,
} from './account';
export {
  type CommissionBreakdown,
  type CommissionInput,
  type CommissionModel,
  CommissionSchema,
  stockCommission,
} from './commission';
export { decimalSub } from './decimal';
export {
  FeesSchema,
  type FillableOrder,
  type FillBar,
  FillModel,
  type FillModelConfig,
  type FillModelInput,
  FillModelSchema,
  type FillOutcome,
  type FillTiming,
  type Liquidity,
  type SlippageModel,
  SlippageSchema,
} from './fill-model';
export {
  type Liquidation,
  type MarginMode,
  type Marks,
  SwapLedger,
  type SwapPositionBook,
  type SwapSetting,
} from './margin';
export {
  type OrderRejection,
  type Plan,
  type PlanInput,
  type PlannedOrder,
  planOrders,
  type RejectReason,
} from './orders';
export { armProtection, bindingStop, checkProtection, type Protection, type Trigger } from './protection';
export {
  ceilToStep,
  DEFAULT_SPEC,
  floorToStep,
  type InstrumentSpec,
  instrumentSpec,
  roundToStep,
  stepDecimals,
  swapSpec,
  US_STOCK_SPEC,
} from './spec';
export { fillSwapAtOpen, type SwapFillOutcome, type SwapMarketOrder } from './swap-fill';
