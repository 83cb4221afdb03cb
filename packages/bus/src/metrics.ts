/** Counters every bus instance keeps; services export them to InfluxDB and heartbeats. */
export interface BusCounters {
  published: number;
  publishDuplicates: number;
  publishRetries: number;
  publishFailures: number;
  /** Publishes refused because the stream or the JetStream store was full (nothing stored). */
  storeFull: number;
  /**
   * Publishes that got no answer after every attempt: the server down or unreachable, or wedged
   * by a full disk under its JetStream store (nats-server 2.9); see `publishFailureText`.
   */
  publishUnanswered: number;
  received: number;
  acked: number;
  naked: number;
  deadLettered: number;
  /** Dead letters stored with a payload prefix only (or without payload): the message was large. */
  deadLetterTruncated: number;
  /** Dead letters that could not be stored at all after bounded attempts (the stage moved on). */
  deadLetterFailures: number;
  decodeErrors: number;
  handlerErrors: number;
  /** A stage's reader (@algotrader/pipeline): messages dated after the clock, refused. */
  futureRefused: number;
  /** ... messages outside the pipeline's replay window (replay mode), refused. */
  outsideWindowRefused: number;
  /** ... bars or feature vectors of an invalid instrument or on another's subject, refused. */
  unknownInstruments: number;
  /** ... valid bars of other pipelines' instruments on the shared MD stream, ignored. */
  ignoredOtherPipeline: number;
}

export function newCounters(): BusCounters {
  return {
    published: 0,
    publishDuplicates: 0,
    publishRetries: 0,
    publishFailures: 0,
    storeFull: 0,
    publishUnanswered: 0,
    received: 0,
    acked: 0,
    naked: 0,
    deadLettered: 0,
    deadLetterTruncated: 0,
    deadLetterFailures: 0,
    decodeErrors: 0,
    handlerErrors: 0,
    futureRefused: 0,
    outsideWindowRefused: 0,
    unknownInstruments: 0,
    ignoredOtherPipeline: 0,
  };
}
