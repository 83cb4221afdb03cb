import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AlgoError, ErrorCode } from '@algotrader/core';
import type { Pipeline } from '@algotrader/pipeline';

/**
 * The native (C++) paper execution stage (native/order-router): where it is built, how it is built,
 * and the arguments that make it the order-router of a pipeline. It replaces the TypeScript router
 * only where it fills identically; any other pipeline is refused here with the reason, before
 * anything starts.
 */

const run = promisify(execFile);

/** Source and build directories of the native stage under a repository root. */
export function nativeRouterPaths(root: string): { src: string; build: string; bin: string } {
  const build = join(root, 'node_modules/.cache/native-order-router');
  return { src: join(root, 'native/order-router'), build, bin: join(build, 'native-order-router') };
}

export const NATIVE_TOOLCHAIN =
  'cmake, g++ (C++20), libnats-dev, libprotobuf-dev and protobuf-compiler (Debian/Ubuntu: apt-get install cmake g++ libnats-dev libprotobuf-dev protobuf-compiler)';

/**
 * Builds the native stage with CMake unless its binary is there already (`force`: always run the
 * build, which is incremental). A missing toolchain or a failed build is one error naming what to
 * install, with the compiler's output.
 */
export async function buildNativeRouter(
  root: string,
  o: { force?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const { src, build, bin } = nativeRouterPaths(root);
  if (
    !o.force &&
    (await access(bin).then(
      () => true,
      () => false,
    ))
  )
    return bin;
  const timeout = o.timeoutMs ?? 900_000;
  try {
    await run('cmake', ['--version'], { timeout: 30_000 });
  } catch {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `the native order-router needs ${NATIVE_TOOLCHAIN}: cmake is not installed`,
    );
  }
  try {
    await run('cmake', ['-S', src, '-B', build, '-DCMAKE_BUILD_TYPE=Release'], {
      timeout,
      maxBuffer: 16 << 20,
    });
    await run('cmake', ['--build', build, '-j', '2'], { timeout, maxBuffer: 16 << 20 });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `native/order-router does not build (needs ${NATIVE_TOOLCHAIN}): ${x.message}\n${x.stdout ?? ''}\n${x.stderr ?? ''}`,
    );
  }
  return bin;
}

/**
 * The native stage's arguments for `pipeline` (connecting to `url`); throws naming what the native
 * stage does not do (it would not fill as the TypeScript router does).
 */
export function nativeRouterArgs(p: Pipeline, url: string): string[] {
  const c = p.config;
  const fm = c.fillModel;
  const no = (why: string) =>
    new AlgoError(ErrorCode.InvalidArgument, `the native order-router cannot run this pipeline: ${why}`);
  if (c.broker !== 'paper') throw no(`broker is ${c.broker}; it is a paper venue only`);
  if (fm.timing !== 'next_open') throw no(`fill timing ${fm.timing}; only next_open`);
  if (fm.slippage.kind !== 'none' && fm.slippage.kind !== 'bps')
    throw no(`slippage ${fm.slippage.kind}; only none and bps`);
  if (fm.commission) throw no('per-share commissions; only maker/taker fractions');
  if (!p.calendar.alwaysOpen) throw no(`the ${p.calendar.name} calendar; only 24/7 markets`);
  if (Object.keys(p.swapSettings).length > 0) throw no('perpetual swaps');
  const args = [
    '--url',
    url,
    '--account',
    p.account,
    '--quote',
    c.paper.quoteCurrency,
    '--initial-cash',
    String(c.paper.initialCash),
    '--tf',
    p.tf,
    '--tf-ms',
    String(p.tfMs),
    '--day-offset-ms',
    String(c.risk.dayOffsetMs ?? 0),
    '--maker',
    String(fm.fees.maker),
    '--taker',
    String(fm.fees.taker),
    '--slippage-bps',
    String(fm.slippage.kind === 'bps' ? fm.slippage.bps : 0),
  ];
  p.keys.forEach((key, k) => {
    const s = p.specs[k]!;
    if (['SSE', 'SZSE'].includes(s.instrument.venue)) throw no(`${key} settles T+1`);
    args.push('--instrument', `${key},${s.lotSize},${s.minQty},${s.minNotional}`);
  });
  return args;
}
