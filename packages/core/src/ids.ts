import { AlgoError, ErrorCode } from './errors';
import { type Instrument, symbolToken } from './instrument';
import type { Timeframe } from './timeframe';

/*
 * Message ids. Every `Nats-Msg-Id` (the business key JetStream de-duplicates on within a stream's
 * duplicate window) is built here and nowhere else, so a producer in another language can rebuild
 * it from proto/README.md and a retry after a crash yields the very same id. Venues are lower case,
 * symbols are subject tokens (`BTC-USDT`), times are int64 ms UTC.
 */

type Part = string | number;

function key(kind: string, ...parts: readonly Part[]): string {
  return [kind, ...parts].join(':');
}

/** A closed bar: `bar:<venue>:<BASE-QUOTE>:<tf>:<open_ms>`, e.g. `bar:okx:BTC-USDT:1h:1700000000000`. */
export function barKey(i: Instrument, tf: Timeframe, openMs: number): string {
  return key('bar', i.venue.toLowerCase(), symbolToken(i), tf, openMs);
}

/** The marker that all bars of one close time are in: `barset:<venue>:<tf>:<close_ms>`. */
export function barSetKey(venue: string, tf: Timeframe, closeMs: number): string {
  return key('barset', venue.toLowerCase(), tf, closeMs);
}

/** A swap's current funding rate, keyed by when the collector fetched it: `funding:<venue>:<BASE-QUOTE-SWAP>:<fetched_ms>`. */
export function fundingKey(i: Instrument, fetchedMs: number): string {
  return key('funding', i.venue.toLowerCase(), symbolToken(i), fetchedMs);
}

/** A feature vector, keyed by the bar it was computed at: `feat:<venue>:<BASE-QUOTE>:<tf>:<close_ms>`. */
export function featureKey(i: Instrument, tf: Timeframe, closeMs: number): string {
  return key('feat', i.venue.toLowerCase(), symbolToken(i), tf, closeMs);
}

/** The marker that the features of one close time are out: `featset:<venue>:<tf>:<close_ms>`. */
export function featureSetKey(venue: string, tf: Timeframe, closeMs: number): string {
  return key('featset', venue.toLowerCase(), tf, closeMs);
}

/**
 * A strategy's signal: `sig:<strategy>:<venue>:<BASE-QUOTE>:<close_ms>`; the second and later
 * signals for one instrument at one close time append `:<n>` (leg 0 has no suffix, so the first
 * signal's id is the same as before legs existed).
 */
export function signalKey(strategy: string, i: Instrument, closeMs: number, leg = 0): string {
  const base = key('sig', strategy, i.venue.toLowerCase(), symbolToken(i), closeMs);
  return leg === 0 ? base : key(base, leg);
}

/** The marker that the strategies have decided one close time: `sigset:<venue>:<tf>:<close_ms>`. */
export function signalSetKey(venue: string, tf: Timeframe, closeMs: number): string {
  return key('sigset', venue.toLowerCase(), tf, closeMs);
}

/** An order the risk gate approved: `ord:<client_order_id>`. */
export function orderKey(clientOrderId: string): string {
  return key('ord', clientOrderId);
}

/** A request to cancel a working order: `ord:<client_order_id>:cancel`. */
export function cancelKey(clientOrderId: string): string {
  return key('ord', clientOrderId, 'cancel');
}

/**
 * An order's state change: `ord:<client_order_id>:<seq>`, `seq` counting the order's events from
 * 1, so a replay after a crash repeats the same ids. (A different stream from approved orders.)
 */
export function orderEventKey(clientOrderId: string, seq: number): string {
  return key('ord', clientOrderId, seq);
}

/** A risk rejection: `rej:<client_order_id>` (or the signal's id when no order was planned). */
export function rejectionKey(id: string): string {
  return key('rej', id);
}

/** One execution reported by a venue: `fill:<venue>:<trade_id>`. */
export function fillKey(venue: string, tradeId: string): string {
  return key('fill', venue.toLowerCase(), tradeId);
}

/** The n-th simulated execution of an order by the paper venue: `fill:paper:<client_order_id>:<n>`. */
export function paperFillKey(clientOrderId: string, n: number): string {
  return key('fill', 'paper', clientOrderId, n);
}

/** An account's positions at a time: `pos:<account>:<time_ms>`. */
export function positionKey(account: string, timeMs: number): string {
  return key('pos', account, timeMs);
}

/**
 * An alert: `alert:<source>:<code>:<dedupe>`. `dedupe` says which occurrence it is (a bar key, a
 * scheduled time, a state change at a time): the same occurrence alerts once.
 */
export function alertKey(source: string, code: string, dedupe: Part): string {
  return key('alert', source, code, dedupe);
}

/** A service instance's heartbeat: `hb:<service>:<instance>:<time_ms>`. */
export function heartbeatKey(service: string, instance: string, timeMs: number): string {
  return key('hb', service, instance, timeMs);
}

/** A dead-lettered message: `dlq:<stream>:<consumer>:<stream_seq>` (one letter per stored message). */
export function deadLetterKey(stream: string, consumer: string, seq: number): string {
  return key('dlq', stream, consumer, seq);
}

/**
 * An operator's control command: `ctl:<account>:<action>:<strategy>:<time_ms>` (strategy empty
 * when the command is for the whole account).
 */
export function controlKey(
  account: string,
  action: string,
  strategy: string | undefined,
  timeMs: number,
): string {
  return key('ctl', account, action, strategy ?? '', timeMs);
}

/** A control command sent from Telegram, keyed by the update that carried it: `ctl:telegram:<update_id>`. */
export function telegramControlKey(updateId: number): string {
  return key('ctl', 'telegram', updateId);
}

/** Request ids of operator commands: letters, digits, `-` and `_`, at most 64 (`telegram-77`). */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

function requireRequestId(requestId: string): void {
  if (!REQUEST_ID.test(requestId)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `request id "${requestId}" must be 1-64 letters, digits, '-' or '_'`,
    );
  }
}

/** An operator's force-exit command: `fx:<account>:<request_id>`, e.g. `fx:main:telegram-77`. */
export function forceExitKey(account: string, requestId: string): string {
  requireRequestId(requestId);
  return key('fx', account, requestId);
}

/**
 * The client order id of the exit a force-exit command makes for one instrument: `fx` + 28
 * base36 characters of a hash of (account, instrument, request id). The issuer knows it before
 * the risk gate decides (the notifier matches the fill to the command with it), and one command
 * redelivered or decided again yields the same order, never a second one.
 */
export function forceExitOrderId(account: string, instrument: Instrument, requestId: string): string {
  requireRequestId(requestId);
  const id = `fx${stableHash36(['forceexit', account, instrument.venue, symbolToken(instrument), requestId].join('|'))}`;
  assertClientOrderId(id);
  return id;
}

/** True for a client order id `forceExitOrderId` built (a force-exit's order, its fills and events). */
export function isForceExitOrderId(id: string | null | undefined): boolean {
  return /^fx[0-9a-z]{28}$/.test(id ?? '');
}

/** One job of a parameter sweep: `job:<sweep_id>:<job_id>`. */
export function sweepJobKey(sweepId: string, jobId: Part): string {
  return key('job', sweepId, jobId);
}

/** The result of one sweep job: `res:<sweep_id>:<job_id>`. */
export function sweepResultKey(sweepId: string, jobId: Part): string {
  return key('res', sweepId, jobId);
}

/**
 * A stable 128-bit hash of a string (cyrb128: four 32-bit lanes mixed with Math.imul), as four
 * base36 lanes of 7 characters each. Pure 32-bit integer arithmetic: fast enough to compute an id
 * per order in a backtest.
 */
export function stableHash36(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(36).padStart(7, '0')).join('');
}

export interface ClientOrderIdParts {
  readonly account: string;
  readonly strategy: string;
  readonly instrument: Instrument;
  /** Close time of the bar that caused the decision. */
  readonly decisionCloseMs: number;
  /** Leg number when one decision produces several orders (0 for the first). */
  readonly leg?: number;
}

const CLORD = /^[A-Za-z0-9]{1,32}$/;

/**
 * Deterministic client order id, valid as an OKX `clOrdId` (letters and digits, at most 32):
 * `at` + 28 base36 characters of a 128-bit hash of (account, strategy, instrument, decision close time, leg). The same decision
 * always yields the same id, so a resubmission after a crash is recognised as a duplicate.
 */
export function clientOrderId(p: ClientOrderIdParts): string {
  const leg = p.leg ?? 0;
  if (Number.isSafeInteger(leg) && leg >= 0) {
    const fast = orderIdAfter(prefixLanes(p.account, p.strategy, p.instrument), p.decisionCloseMs, leg);
    if (fast !== undefined) return fast;
  }
  const id = `at${stableHash36(
    [
      p.account,
      p.strategy,
      p.instrument.venue,
      symbolToken(p.instrument),
      p.decisionCloseMs,
      p.leg ?? 0,
    ].join('|'),
  )}`;
  assertClientOrderId(id);
  return id;
}

/**
 * Client order id of a protective exit (stop-loss, take-profit, trailing stop) that a bar
 * triggered: `at` + the same 128-bit hash over (account, strategy, instrument, close time of the
 * triggering bar, `exit`). At most one exit per instrument and bar, and the `exit` tag keeps it
 * apart from every decision's id; the backtest and the paper venue build the same one.
 */
export function exitOrderId(p: Omit<ClientOrderIdParts, 'leg'>): string {
  const fast = orderIdAfter(prefixLanes(p.account, p.strategy, p.instrument), p.decisionCloseMs, -1);
  if (fast !== undefined) return fast;
  const id = `at${stableHash36(
    [p.account, p.strategy, p.instrument.venue, symbolToken(p.instrument), p.decisionCloseMs, 'exit'].join(
      '|',
    ),
  )}`;
  assertClientOrderId(id);
  return id;
}

/*
 * The same ids, hashed without building their text: cyrb128 reads the text one character at a
 * time, so the lanes after `account|strategy|venue|SYMBOL|` are kept per instrument, account and
 * strategy, and only the close time and the leg (or `exit`) are fed per order, digit by digit.
 * Bit for bit the ids above (ids.test.ts checks the two against each other).
 */

const SEED = [1779033703, 3144134277, 1013904242, 2773480762] as const;

/** Lanes after a prefix, per instrument (by identity), then account and strategy. */
const prefixes = new WeakMap<Instrument, { account: string; strategy: string; lanes: Int32Array }[]>();

function prefixLanes(account: string, strategy: string, instrument: Instrument): Int32Array {
  let list = prefixes.get(instrument);
  if (list === undefined) {
    list = [];
    prefixes.set(instrument, list);
  }
  for (const e of list) if (e.account === account && e.strategy === strategy) return e.lanes;
  const lanes = Int32Array.from(SEED);
  absorb(lanes, `${account}|${strategy}|${instrument.venue}|${symbolToken(instrument)}|`);
  // A handful per instrument in practice; a caller cycling through many names starts over.
  if (list.length >= 16) list.length = 0;
  list.push({ account, strategy, lanes });
  return lanes;
}

function absorb(l: Int32Array, text: string): void {
  let h1 = l[0]!;
  let h2 = l[1]!;
  let h3 = l[2]!;
  let h4 = l[3]!;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  l[0] = h1;
  l[1] = h2;
  l[2] = h3;
  l[3] = h4;
}

/** Characters fed after the prefix: decimal digits of the close time, `|`, then the leg's or `exit`. */
const tail = new Int32Array(40);
const EXIT = [101, 120, 105, 116];
/** One lane's seven base36 digits. */
const laneCodes = new Array<number>(7).fill(0);

function digitsInto(x: number, at: number): number {
  let n = 0;
  // Division and floor, not `%`: above 2^31 a remainder is a slow floating-point modulo. Exact for
  // safe integers (a quotient one off shows as a digit outside 0…9 and is put right).
  do {
    let q = Math.floor(x / 10);
    let d = x - q * 10;
    if (d < 0) {
      q -= 1;
      d += 10;
    } else if (d >= 10) {
      q += 1;
      d -= 10;
    }
    tail[at + n++] = 48 + d;
    x = q;
  } while (x > 0);
  // Least significant first so far: reverse in place.
  for (let i = at, j = at + n - 1; i < j; i++, j--) {
    const t = tail[i]!;
    tail[i] = tail[j]!;
    tail[j] = t;
  }
  return at + n;
}

/**
 * The id after `pre` for close time `ms` and `leg` (-1: an exit); undefined when `ms` is not a
 * non-negative safe integer (its text is then not plain digits: the slow path handles it).
 */
function orderIdAfter(pre: Int32Array, ms: number, leg: number): string | undefined {
  if (!(Number.isSafeInteger(ms) && ms >= 0)) return undefined;
  let n = digitsInto(ms, 0);
  tail[n++] = 124;
  if (leg < 0) for (const c of EXIT) tail[n++] = c;
  else n = digitsInto(leg, n);
  let h1 = pre[0]!;
  let h2 = pre[1]!;
  let h3 = pre[2]!;
  let h4 = pre[3]!;
  for (let i = 0; i < n; i++) {
    const k = tail[i]!;
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  // Digit by digit into character codes: four toString(36).padStart were most of the id's cost.
  return `at${lane36(h1 >>> 0)}${lane36(h2 >>> 0)}${lane36(h3 >>> 0)}${lane36(h4 >>> 0)}`;
}

/** Seven base36 digits of `x` (< 36^7), zero-padded: `x.toString(36).padStart(7, '0')`. */
function lane36(x: number): string {
  const c = laneCodes;
  for (let i = 6; i >= 0; i--) {
    // x < 2^32: the quotient's floor is exact (see `digitsInto` for why not `%`).
    const q = Math.floor(x / 36);
    const d = x - q * 36;
    c[i] = d < 10 ? 48 + d : 87 + d;
    x = q;
  }
  return String.fromCharCode(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!);
}

export function isValidClientOrderId(id: string): boolean {
  return CLORD.test(id);
}

export function assertClientOrderId(id: string): void {
  if (!CLORD.test(id)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `client order id "${id}" must be 1-32 letters or digits (OKX clOrdId)`,
    );
  }
}

/** Deterministic ids for tests and backtests; live code passes a random-backed one. */
export interface IdGenerator {
  next(prefix: string): string;
}

export class SequentialIds implements IdGenerator {
  #n = 0;
  next(prefix: string): string {
    this.#n += 1;
    return `${prefix}${this.#n}`;
  }
}
