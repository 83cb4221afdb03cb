import { lookaheadCheck } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import { utc } from '@algotrader/report';
import { UsageError } from '../args';
import { type CommandIo, processIo } from '../sweep/io';
import { checkParams, parseNumber, RUN_USAGE } from '../sweep/spec';
import { buildStrategy, loadCatalog } from '../sweep/strategies';
import { loadSpecMarket, parseRunCommand, precheckStrategy } from './run-common';

export const LOOKAHEAD_USAGE = `usage: algotrader lookahead-check --strategy NAME --data SRC [options]

Runs the strategy on all the data, then again on the data cut after several close times, and
reports every decision that changed: a decision at time t may only depend on bars closed by t.
Exit code 1 when any decision changed.

${RUN_USAGE}
  --cuts N               truncation points, spread from ~20% to 95% of the run (default 8)
  --max-shown N          violations printed (default 20)
  --json                 print the report as JSON

A strategy that only uses its API cannot fail this; research code that precomputes over the data
set (a --module factory) can, and this is what catches it.`;

/** `algotrader lookahead-check …`; 0 when no decision changed, 1 when some did. */
export async function runLookaheadCmd(argv: string[], io: CommandIo = processIo): Promise<number> {
  const parsed = parseRunCommand(
    argv,
    { cuts: { type: 'string' }, 'max-shown': { type: 'string' }, json: { type: 'boolean' } },
    LOOKAHEAD_USAGE,
    io,
  );
  if (!parsed) return 0;
  const { values, spec, data } = parsed;
  const cuts = parseNumber(values.cuts, 'cuts', 8, 1);
  if (!Number.isSafeInteger(cuts)) throw new UsageError('--cuts must be an integer >= 1');
  const maxShown = parseNumber(values['max-shown'], 'max-shown', 20, 0);
  const catalog = await loadCatalog(spec.modules, io.cwd);
  precheckStrategy(catalog, spec);
  const market = await loadSpecMarket(spec, data, io);
  const params = checkParams(buildStrategy(catalog, spec.strategy, market.data), spec.params);
  const report = lookaheadCheck((d) => buildStrategy(catalog, spec.strategy, d), params, market.data, {
    cuts,
    initialCash: spec.initialCash,
    fillModel: spec.fillModel,
  });
  const code = report.ok ? 0 : 1;
  if (values.json) {
    io.out(JSON.stringify({ strategy: spec.strategy, params, ...report }));
    return code;
  }
  const names = market.data.series.map((s) => formatInstrument(s.instrument)).join(', ');
  io.out(
    `lookahead-check ${spec.strategy} on ${names} ${market.data.timeframe}: ${report.cuts.length} cuts, ` +
      `${report.compared} decision times compared`,
  );
  if (report.ok) {
    io.out('OK: no decision changed when later bars were removed');
    return code;
  }
  io.out(
    `LOOK-AHEAD: ${report.violations.length} decisions changed when later bars were removed` +
      (report.violations.length > maxShown ? ` (first ${maxShown} shown)` : ''),
  );
  for (const v of report.violations.slice(0, maxShown)) {
    io.out(
      `  data cut at ${utc(v.cut)}, decision at ${utc(v.time)}: with all data ${v.full || '(none)'}; ` +
        `cut ${v.truncated || '(none)'}`,
    );
  }
  return code;
}
