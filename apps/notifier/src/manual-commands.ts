import type { Bus } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import {
  type ManualAction,
  manualReportCodec,
  manualReportKey,
  manualReportSubject,
  parseManualArgs,
} from '@algotrader/pipeline/domain';
import type { CommandOrigin } from './commands';
import { h } from './html';

/** A command beside the built-in ones (registered by `startTelegramBot`'s `extraCommands`). */
export interface ExtraCommand {
  readonly command: string;
  readonly description: string;
  run(args: string, from: CommandOrigin): Promise<string>;
}

const VERB: Readonly<Record<ManualAction, string>> = {
  filled: 'execution that completes the order',
  partial: 'part execution',
  skipped: 'order not placed',
};

/**
 * The commands of the notify-only venue (A-shares: a person places the order and reports back):
 * `/filled`, `/partial`, `/skipped`. The syntax is checked here; the report is published on
 * `ops.manual.<account>` and the order-router's `notify` venue checks it against the order
 * (lots, price band, T+1, what is left) and answers in a message of its own.
 */
export function manualFillCommands(o: { bus: Bus; account: string; clock: Clock }): ExtraCommand[] {
  const make = (action: ManualAction, description: string): ExtraCommand => ({
    command: action,
    description,
    async run(args, from) {
      const parsed = parseManualArgs(action, args);
      if ('error' in parsed) return `❌ ${h(parsed.error)}`;
      const ref = `tg${from.updateId}`;
      await o.bus.publish(
        manualReportCodec,
        manualReportSubject(o.account),
        {
          account: o.account,
          action,
          ...parsed,
          from: `telegram:${from.chatId}`,
          ref,
          timeMs: o.clock.now(),
        },
        { msgId: manualReportKey(ref), headers: { 'Content-Type': 'application/json' } },
      );
      const what =
        action === 'skipped'
          ? ''
          : ` · ${parsed.qty} shares @ ${parsed.price}${parsed.fee !== undefined ? `, fee ${parsed.fee}` : ''}`;
      return `📨 Report <code>${ref}</code> for order <code>${h(parsed.order, 40)}</code> received (${VERB[action]}${h(what)}). The order-router checks it against the order and answers.`;
    },
  });
  return [
    make('filled', 'You placed an order and it filled: /filled <order> <shares> <price> [fee]'),
    make('partial', 'Part of an order filled: /partial <order> <shares> <price> [fee]'),
    make('skipped', 'You did not place an order (or it was cancelled): /skipped <order> [reason]'),
  ];
}
