/** Walk-forward: rolling train/test windows over the data. */
import { UsageError } from '../args';

export interface WalkForward {
  readonly trainMs: number;
  readonly testMs: number;
  /** How far each window moves on; default the test length (test windows then tile the run). */
  readonly stepMs: number;
}

export interface Window {
  readonly index: number;
  /** Open times in [from, to). */
  readonly train: readonly [number, number];
  readonly test: readonly [number, number];
}

const UNIT: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function parseLength(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)([hdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`--walk-forward ${what}=${text}: expected a length like 180d, 12w or 72h`);
  const ms = Number(m[1]) * UNIT[m[2]!]!;
  if (!(ms > 0)) throw new UsageError(`--walk-forward ${what} must be > 0`);
  return ms;
}

/** `train=180d,test=30d[,step=30d]`. */
export function parseWalkForward(text: string): WalkForward {
  const parts = new Map<string, string>();
  for (const p of text.split(',')) {
    const [k, v] = p.split('=').map((s) => s.trim());
    if (!k || v === undefined || !['train', 'test', 'step'].includes(k)) {
      throw new UsageError(`--walk-forward "${text}": expected train=180d,test=30d[,step=30d]`);
    }
    parts.set(k, v);
  }
  if (!parts.has('train') || !parts.has('test')) {
    throw new UsageError(`--walk-forward "${text}": both train= and test= are needed`);
  }
  const testMs = parseLength(parts.get('test')!, 'test');
  return {
    trainMs: parseLength(parts.get('train')!, 'train'),
    testMs,
    stepMs: parts.has('step') ? parseLength(parts.get('step')!, 'step') : testMs,
  };
}

/**
 * Windows from `start`: train [s, s + train), test [s + train, s + train + test), s moving on by
 * the step while a whole test window fits before `end`.
 */
export function walkForwardWindows(wf: WalkForward, start: number, end: number): Window[] {
  const out: Window[] = [];
  for (let s = start; s + wf.trainMs + wf.testMs <= end; s += wf.stepMs) {
    const split = s + wf.trainMs;
    out.push({ index: out.length, train: [s, split], test: [split, split + wf.testMs] });
    if (out.length > 10_000)
      throw new UsageError('--walk-forward: more than 10,000 windows; use a longer step');
  }
  return out;
}
