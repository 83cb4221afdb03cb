import { ALWAYS_OPEN, NYSE, type TradingCalendar } from '@algotrader/core';

/**
 * The order-router's venues by name: what `broker` in a pipeline file may say. The router's
 * registry (apps/order-router/src/venues.ts) is typed `Record<VenueName, …>`, so a name without a
 * venue, or a venue without a name, does not compile. The names live here and not in the app
 * because the config schema (this package) must not import an app (the package graph is acyclic).
 */
export const VENUE_NAMES = ['paper', 'okx', 'okx_swap', 'ibkr', 'notify'] as const;

export type VenueName = (typeof VENUE_NAMES)[number];

/**
 * When a pipeline's market trades, from its instruments' venue code (`venue` in the pipeline file):
 * IBKR's US stocks on the NYSE calendar, every other venue (crypto) around the clock.
 */
export function calendarOfMarket(venueCode: string): TradingCalendar {
  return venueCode.toUpperCase() === 'IBKR' ? NYSE : ALWAYS_OPEN;
}
