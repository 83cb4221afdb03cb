import { resolve } from 'node:path';
import {
  type Bus,
  type Control,
  type ControlChange,
  subjects,
  type TradingStateName,
  updateControl,
} from '@algotrader/bus';
import { controlKey } from '@algotrader/core';
import { CONTROL_BUCKET, DEMO_PIPELINE, loadPipeline, PIPELINE_ENV } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { parse, UsageError } from '../args';
import { cliContext, connectBus } from '../context';

const USAGE = `usage: algotrader control <action> [--account A] [--reason TEXT] [--config <pipeline.json>] [--nats URL]
actions:
  halt                        no new orders (cancels still go through)
  resume                      back to ACTIVE
  reduce-only                 only orders that shrink a position
  pause <strategy>            refuse the orders of one strategy
  resume-strategy <strategy>  accept them again`;

interface Action {
  readonly change: ControlChange;
  readonly action: number;
  readonly name: string;
}

/** An account-wide action: the state it sets, the wire action, its subject name. */
function stateAction(state: TradingStateName, action: number, name: string): Action {
  return { change: { kind: 'state', state }, action, name };
}

function actionOf(verb: string | undefined, strategy: string | undefined): Action {
  const need = () => {
    if (!strategy) throw new UsageError(`${verb} needs a strategy name\n\n${USAGE}`);
    return strategy;
  };
  switch (verb) {
    case 'halt':
      return stateAction('HALTED', pb.ControlAction.CONTROL_ACTION_HALT, 'halt');
    case 'resume':
      return stateAction('ACTIVE', pb.ControlAction.CONTROL_ACTION_ACTIVATE, 'activate');
    case 'reduce-only':
      return stateAction('REDUCING', pb.ControlAction.CONTROL_ACTION_REDUCE_ONLY, 'reduce_only');
    case 'pause':
      return {
        change: { kind: 'pause', strategy: need() },
        action: pb.ControlAction.CONTROL_ACTION_PAUSE_STRATEGY,
        name: 'pause_strategy',
      };
    case 'resume-strategy':
      return {
        change: { kind: 'resume', strategy: need() },
        action: pb.ControlAction.CONTROL_ACTION_RESUME_STRATEGY,
        name: 'resume_strategy',
      };
    default:
      throw new UsageError(`unknown control action "${verb ?? ''}"\n\n${USAGE}`);
  }
}

/**
 * Applies an operator command to the account's control state (compare-and-set in KV `control`,
 * which the risk gate reads at every decision) and records it as a ControlCommand on `ops.control.*`.
 */
export async function applyControl(
  bus: Bus,
  account: string,
  verb: string,
  strategy: string | undefined,
  reason: string,
  by = 'cli',
  now = Date.now(),
): Promise<Control> {
  const a = actionOf(verb, strategy);
  const kv = await bus.kv(CONTROL_BUCKET);
  const control = await updateControl(kv, account, a.change, by, reason, now);
  await bus.publish(
    codecs.ControlCommand,
    subjects.control(a.name),
    { action: a.action, strategy: strategy ?? '', account, issuedBy: by, reason, timeMs: now },
    { msgId: controlKey(account, a.name, strategy, now) },
  );
  return control;
}

/** `algotrader control …`. */
export async function runControl(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      account: { type: 'string' },
      reason: { type: 'string' },
      config: { type: 'string' },
      nats: { type: 'string' },
    },
    USAGE,
  );
  const [verb, strategy] = positionals;
  actionOf(verb, strategy);
  let account = values.account as string | undefined;
  if (!account) {
    const p = await loadPipeline(
      resolve((values.config as string | undefined) ?? process.env[PIPELINE_ENV] ?? DEMO_PIPELINE),
    );
    account = p.account;
  }
  const ctx = cliContext();
  const bus = await connectBus(ctx, values.nats as string | undefined);
  try {
    const c = await applyControl(
      bus,
      account,
      verb!,
      strategy,
      (values.reason as string | undefined) ?? `${verb} from the CLI`,
    );
    console.log(
      `account ${c.account}: ${c.state}${c.pausedStrategies.length ? `, paused: ${c.pausedStrategies.join(', ')}` : ''}`,
    );
    return 0;
  } finally {
    await bus.close();
  }
}
