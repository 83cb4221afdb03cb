import { Bus, natsAuth } from '@algotrader/bus';
import { AlgoError, ErrorCode, NYSE } from '@algotrader/core';
import { cnCosts } from '@algotrader/markets-cn';
import { loadSseCalendar } from '@algotrader/markets-cn/node';
import type { VenueName } from '@algotrader/pipeline';
import { z } from 'zod';
import { NotifyVenue } from './notify/venue';
import { PaperVenue } from './paper-venue';
import type { Venue, VenueContext } from './venue';

/** One venue in the registry: where its settings come from, their schema, and its factory. */
export interface VenueEntry<S = unknown> {
  readonly describe: string;
  /** Settings, validated once at start-up; a message names the environment variable to set. */
  readonly settings: z.ZodType<S>;
  /** The raw settings out of the environment's config and the pipeline. */
  readonly read: (ctx: VenueContext) => unknown;
  readonly create: (ctx: VenueContext, settings: S) => Promise<Venue>;
  /** `exchange` venues: how often open orders are looked up and the account reconciled, ms. */
  readonly pollMs?: number;
}

const required = (env: string) => z.string({ error: `${env} is not set` }).min(1, `${env} is empty`);

const OkxSettings = z.object({
  apiKey: required('OKX_API_KEY'),
  secret: required('OKX_SECRET'),
  password: required('OKX_PASSWORD'),
  restUrl: z.string().optional(),
  sandbox: z.boolean(),
});

const PaperSettings = z.object({});

/** A number from the environment variable `env` (blank: the default). */
const envNumber = (env: string, min: number, max: number, dflt: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? dflt : Number(v)),
    z
      .number({ error: `${env} must be a number` })
      .min(min, `${env} must be >= ${min}`)
      .max(max, `${env} must be <= ${max}`),
  );

const NotifySettingsSchema = z.object({
  graceMinutes: envNumber('NOTIFY_REPORT_GRACE_MINUTES', 0, 24 * 60, 60),
  limitOffsetBps: envNumber('NOTIFY_LIMIT_OFFSET_BPS', 0, 2_000, 50),
  commissionRate: envNumber('CN_COMMISSION_RATE', 0, 0.01, 0.00025),
  minCommission: envNumber('CN_MIN_COMMISSION', 0, 1_000, 5),
  transferFeeRate: envNumber('CN_TRANSFER_FEE_RATE', 0, 0.001, 0.00001),
});

const IbkrSettings = z.object({
  host: z.string().min(1),
  port: z.number().int(),
  clientId: z.number().int(),
  account: z.string().optional(),
  outsideRth: z.boolean(),
  primaryExchanges: z
    .string()
    .regex(
      /^[A-Z0-9]+:[A-Z]+(,[A-Z0-9]+:[A-Z]+)*$/,
      'IBKR_PRIMARY_EXCHANGES must list SYMBOL:EXCHANGE pairs, e.g. AAPL:NASDAQ',
    ),
});

/**
 * Every venue the order-router can trade on, by the name a pipeline file gives in `broker`. Typed
 * by @algotrader/pipeline's VENUE_NAMES (which the config schema's enum is built from): adding a
 * name there without an entry here, or the reverse, does not compile. How to add one: README.md.
 */
export const VENUES: { readonly [N in VenueName]: VenueEntry<never> } = {
  paper: entry({
    describe: "the backtest's FillModel on live bars",
    settings: PaperSettings,
    read: () => ({}),
    create: async (ctx) => new PaperVenue(ctx.pipeline),
  }),
  okx: entry({
    describe: 'OKX spot through ccxt (keys: OKX_API_KEY, OKX_SECRET, OKX_PASSWORD)',
    settings: OkxSettings,
    read: (ctx) => ctx.config.okx,
    // ccxt (1.5 s of CPU to load) only when OKX is the venue, not for the paper broker.
    create: async (ctx, s) => {
      const { createOkxSpotVenue, decimalString } = await import('./okx/venue');
      return createOkxSpotVenue({
        account: ctx.pipeline.account,
        apiKey: s.apiKey,
        secret: s.secret,
        password: s.password,
        restUrl: s.restUrl,
        sandbox: s.sandbox,
        clock: { now: () => Date.now() },
        symbols: ctx.pipeline.instruments.map((i) => `${i.base}/${i.quote}`),
        // Holdings within one lot of the book match: the book rounds to the lot, OKX to its own precision.
        positionTolerance: Object.fromEntries(
          ctx.pipeline.instruments.map((i, k) => [i.base, decimalString(ctx.pipeline.specs[k]!.lotSize)]),
        ),
        quote: ctx.pipeline.config.paper.quoteCurrency,
        logger: ctx.log,
      });
    },
    pollMs: 5_000,
  }),
  okx_swap: entry({
    describe: 'OKX USDT perpetual swaps through ccxt, net mode (keys: OKX_API_KEY, OKX_SECRET, OKX_PASSWORD)',
    settings: OkxSettings,
    read: (ctx) => ctx.config.okx,
    create: async (ctx, s) => {
      const { OkxSwapVenue } = await import('./okx/swap-venue');
      const swaps = ctx.pipeline.config.swaps;
      const v = new OkxSwapVenue({
        account: ctx.pipeline.account,
        apiKey: s.apiKey,
        secret: s.secret,
        password: s.password,
        restUrl: s.restUrl,
        sandbox: s.sandbox,
        instruments: ctx.pipeline.instruments.map((instrument, k) => {
          const o = swaps[ctx.pipeline.keys[k]!];
          return { instrument, setting: { mode: o?.marginMode ?? 'cross', leverage: o?.leverage ?? 1 } };
        }),
        logger: ctx.log,
      });
      await v.start();
      return v;
    },
    pollMs: 5_000,
  }),
  notify: entry({
    describe:
      'a person places each order (China A-shares): suggestions by Telegram, fills reported back with /filled',
    settings: NotifySettingsSchema,
    read: () => ({
      graceMinutes: process.env['NOTIFY_REPORT_GRACE_MINUTES'],
      limitOffsetBps: process.env['NOTIFY_LIMIT_OFFSET_BPS'],
      commissionRate: process.env['CN_COMMISSION_RATE'],
      minCommission: process.env['CN_MIN_COMMISSION'],
      transferFeeRate: process.env['CN_TRANSFER_FEE_RATE'],
    }),
    create: async (ctx, s) => {
      const n = ctx.config.nats;
      // Its own connection as the order-router user: the report consumer and the last bars.
      const bus = await Bus.connect({
        servers: n.url,
        service: 'order-router',
        ...natsAuth(n),
      });
      return NotifyVenue.start({
        bus,
        ownsBus: true,
        pipeline: ctx.pipeline,
        calendar: loadSseCalendar(),
        costs: cnCosts({
          commissionRate: s.commissionRate,
          minCommission: s.minCommission,
          transferFeeRate: s.transferFeeRate,
        }),
        settings: { graceMinutes: s.graceMinutes, limitOffsetBps: s.limitOffsetBps },
        clock: { now: () => Date.now() },
        log: ctx.log,
      });
    },
    pollMs: 2_000,
  }),
  ibkr: entry({
    describe: 'Interactive Brokers US stocks through TWS / IB Gateway (IBKR_HOST, IBKR_PORT, IBKR_CLIENT_ID)',
    settings: IbkrSettings,
    read: (ctx) => ctx.config.ibkr,
    create: async (ctx, s) => {
      const listing = new Map(s.primaryExchanges.split(',').map((p) => p.split(':') as [string, string]));
      const contracts = ctx.pipeline.instruments.map((instrument) => {
        const primaryExchange = listing.get(instrument.base);
        if (!primaryExchange) {
          throw new AlgoError(
            ErrorCode.InvalidConfig,
            `IBKR_PRIMARY_EXCHANGES names no listing exchange for ${instrument.base} (add ${instrument.base}:NASDAQ or the like)`,
          );
        }
        return { instrument, primaryExchange };
      });
      const { IbkrVenue } = await import('./ibkr/venue');
      const venue = new IbkrVenue({
        host: s.host,
        port: s.port,
        clientId: s.clientId,
        ...(s.account ? { account: s.account } : {}),
        outsideRth: s.outsideRth,
        contracts,
        calendar: NYSE,
        clock: { now: () => Date.now() },
      });
      await venue.start();
      return venue;
    },
    pollMs: 5_000,
  }),
};

/** Keeps each entry's settings type checked against its factory, then erases it for the table. */
function entry<S>(e: VenueEntry<S>): VenueEntry<never> {
  return e as unknown as VenueEntry<never>;
}

/** The venue the pipeline names, with its settings validated; a clear error naming what is missing. */
export async function createVenue(ctx: VenueContext): Promise<Venue> {
  const name = ctx.pipeline.config.broker;
  const e = VENUES[name] as unknown as VenueEntry<unknown>;
  const parsed = e.settings.safeParse(e.read(ctx));
  if (!parsed.success) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `venue ${name} for account ${ctx.pipeline.account}: ${parsed.error.issues.map((i) => i.message).join(', ')}`,
    );
  }
  return e.create(ctx, parsed.data);
}
