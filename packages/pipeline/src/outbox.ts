import type { Bus } from '@algotrader/bus';
import type { PubAck } from '@nats-io/jetstream';
import { type OutMessage, out } from './domain/decider';

export { type OutMessage, out };

/**
 * The output of one handled message, published in order. A handler computes its effects once
 * (guarded by the message's stream sequence) and then flushes; when a publish fails, the retry
 * flushes what is left instead of computing again — state is never updated twice, and the ids
 * make a publish whose ack was lost a no-op.
 */
export class Outbox {
  readonly #items: OutMessage[] = [];
  published = 0;

  get empty(): boolean {
    return this.#items.length === 0;
  }

  get size(): number {
    return this.#items.length;
  }

  push(...m: OutMessage[]): void {
    this.#items.push(...m);
  }

  /**
   * Publishes every queued message in order; `onAck` sees each ack (e.g. for stream sequences).
   * `concurrent` sends them all before awaiting the acks: one round trip instead of one each, for
   * streams whose readers do not depend on the order (a retried publish may land after a later one).
   */
  async flush(bus: Bus, onAck?: (m: OutMessage, ack: PubAck) => void, concurrent = false): Promise<void> {
    if (concurrent && this.#items.length > 1) {
      const batch = [...this.#items];
      const acks = await Promise.all(
        batch.map((m) =>
          bus.publish(m.codec, m.subject, m.message, {
            msgId: m.msgId,
            ...(m.correlationId ? { correlationId: m.correlationId } : {}),
          }),
        ),
      );
      this.#items.splice(0, batch.length);
      this.published += batch.length;
      for (let i = 0; i < batch.length; i++) onAck?.(batch[i]!, acks[i]!);
      return;
    }
    while (this.#items.length > 0) {
      const m = this.#items[0]!;
      const ack = await bus.publish(m.codec, m.subject, m.message, {
        msgId: m.msgId,
        ...(m.correlationId ? { correlationId: m.correlationId } : {}),
      });
      this.#items.shift();
      this.published += 1;
      onAck?.(m, ack);
    }
  }
}
