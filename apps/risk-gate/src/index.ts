export * from './decider';
export { FundingFollower, type FundingRates } from './funding';
export { RiskGate, type RiskGateOptions } from './gate';
export {
  checkSwapOrder,
  type MarginHealth,
  marginHealth,
  type PerpReason,
  type PerpRiskLimits,
  type PerpVerdict,
  type SwapOrder,
} from './perp-rules';
export {
  type CancelRequest,
  checkDecision,
  evaluate,
  type GateInput,
  type GateOutcome,
  NET_STRATEGY,
  type Reason,
  type Refusal,
  type SignalIn,
  type Standing,
  type Verdict,
} from './rules';
