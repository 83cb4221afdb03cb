export { classifyTwsCode, haltReason, type TwsCodeClass } from './codes';
export { type IbkrContractSpec, IbkrVenue, type IbkrVenueOptions, parseTwsTime } from './venue';
