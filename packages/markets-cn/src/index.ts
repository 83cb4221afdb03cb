export {
  dateOfDay,
  dayOfDate,
  parseSseCalendar,
  type Session,
  SHANGHAI_OFFSET_MS,
  SseCalendar,
  shanghaiDate,
} from './calendar';
export {
  type CnCosts,
  type CnCostsInput,
  CnCostsSchema,
  type CostBreakdown,
  cnCosts,
  stampDutyRate,
  tradeCosts,
} from './costs';
export { assertOneBasis, type CnBars, type CnFormat, type PriceBasis, parseCnBars } from './import';
export {
  A_SHARE_CODES,
  type AShare,
  aShare,
  aShareOf,
  aShareSpec,
  type Board,
  boardOf,
  CHINEXT_REFORM,
  CN_TICK,
  type CnExchange,
  floorToLot,
  type LotRule,
  lotProblem,
  lotRule,
} from './instruments';
export {
  atLimit,
  bandFraction,
  type LimitBand,
  limitBand,
  NO_BAND,
  roundToTick,
  unlimitedDays,
} from './limits';
export { type AShareRulesOptions, aShareRules, sliceDates } from './rules';
