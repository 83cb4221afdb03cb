import { readCsvBars } from './src/importers';
import { validateBars } from './src/quality';
import { readdirSync } from 'node:fs';
const dir = '/work/shared/data/ohlcv';
for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv.gz'))) {
  const t = performance.now();
  const cols = await readCsvBars(`${dir}/${f}`);
  const tr = performance.now() - t;
  const tf = f.includes('_15m_') ? '15m' : '1h';
  for (const rule of [undefined, { kind: 'median', multiple: 15, window: 100, minJump: 0.03, minHistory: 20 }] as const) {
    const r = validateBars(cols, tf, rule ? { outlier: rule } : {});
    const byReason: Record<string, number> = {};
    for (const x of r.rejects) byReason[x.reason] = (byReason[x.reason] ?? 0) + 1;
    console.log(f, cols.openTime.length, tr.toFixed(0) + 'ms', 'gaps', r.gaps.length, r.gaps.reduce((a, g) => a + g.missingBars, 0), JSON.stringify(byReason), r.rejects.filter(x=>x.reason==='outlier_jump').slice(0,3).map(x => new Date(x.openTime).toISOString() + ' ' + x.detail).join(' | '));
  }
}
