/**
 * What a TWS error code means for the venue. TWS sends errors, warnings and notices through one
 * `error` message with a code; the venue must tell apart what halts trading (nothing will succeed
 * until a person looks), what only needs a retry or a reconnect, what rejects one order, and what
 * is information.
 */
export type TwsCodeClass =
  /** The order was refused (exchange or IBKR checks): the order ends `rejected`. */
  | 'order_rejected'
  /** Lost or restored connectivity, pacing: retry / reconnect, alert if it lasts. */
  | 'retry'
  /** Account or session problems no retry fixes: halt and alert. */
  | 'halt'
  /** Notices (data farm OK, order cancelled confirmation, warnings). */
  | 'info';

const HALT = new Map<number, string>([
  [326, 'client id already in use: another program is connected with IBKR_CLIENT_ID'],
  [203, 'the security is not available or allowed for this account (account restrictions)'],
  [10_197, 'no market data during competing live session: the account is logged in elsewhere'],
  [2_110, 'connectivity between TWS and the IBKR server is broken'],
  [1_300, 'the TWS socket port was reset: reconnect on the new port'],
]);

/**
 * 100 pacing (more than 50 messages a second), 502 cannot connect, 504 not connected, 507 bad message
 * length (socket reset), 1100 connectivity lost, 1101/1102 restored, 2103/2105/2157 a data farm is down.
 */
const RETRY = new Set([100, 502, 504, 507, 1_100, 1_101, 1_102, 2_103, 2_105, 2_157]);

/**
 * 103 duplicate order id, 104 cannot modify a filled order, 105 modification does not match, 106/107
 * cannot transmit, 109 price out of range, 110 price off the tick grid, 111 TIF and order type
 * incompatible, 200 no security definition, 201 order rejected (reason in the text).
 */
const REJECT = new Set([103, 104, 105, 106, 107, 109, 110, 111, 200, 201]);

export function classifyTwsCode(code: number): TwsCodeClass {
  if (HALT.has(code)) return 'halt';
  if (RETRY.has(code)) return 'retry';
  if (REJECT.has(code)) return 'order_rejected';
  return 'info';
}

/** Why a halt code halts, in words for the alert. */
export function haltReason(code: number): string | undefined {
  return HALT.get(code);
}
