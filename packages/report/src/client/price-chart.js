// The tearsheet's zoomable price chart, run in the browser after uPlot (inlined before this).
// Reads the JSON block #price-data (see price-chart.ts, PriceSeriesJson). Zoom: drag across the
// chart, the mouse wheel, or the + and − buttons; pan: shift + wheel, a sideways scroll, or ◀ ▶;
// double-click or Reset shows the whole run. Fill markers are drawn only for the visible range, at
// most one buy and one sell per 8 px column, so a zoomed-out chart is not a wall of triangles.
// The visible range and marker counts are mirrored in data-* attributes of #price-chart (tests
// and tools read them). Text from the run goes in through textContent only.
(() => {
  const box = document.getElementById('price-chart');
  const dataEl = document.getElementById('price-data');
  const status = document.getElementById('pc-status');
  const tip = document.getElementById('pc-tip');
  const select = document.getElementById('pc-instrument');
  if (!box || !dataEl || typeof uPlot === 'undefined') return;
  const all = JSON.parse(dataEl.textContent || '{"series":[]}');
  if (all.series.length === 0) {
    status.textContent = 'No bars to draw.';
    return;
  }
  const HEIGHT = 340;
  const BUCKET_PX = 8;
  const COLOURS = ['#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea'];

  const two = (n) => String(n).padStart(2, '0');
  const utc = (ms) => {
    const d = new Date(ms);
    const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    return hm === '00:00' ? day : `${day} ${hm}`;
  };
  const price = (x) => {
    if (x === null || x === undefined || !Number.isFinite(x)) return '–';
    const a = Math.abs(x);
    if (a >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
    return String(Number(x.toPrecision(6)));
  };

  /** Decodes one instrument: x (close times, ms) with a null point in each gap, closes, lines, fills. */
  function decode(s) {
    const xs = [];
    const ys = [];
    const lines = s.lines.map(() => []);
    let t = s.t0;
    for (let i = 0; i < s.dt.length; i++) {
      t += s.dt[i] * s.tf;
      if (i > 0 && s.dt[i] > 1) {
        // A hole in the data is drawn as a hole, not bridged.
        xs.push(t - s.dt[i] * s.tf + s.tf);
        ys.push(null);
        for (const l of lines) l.push(null);
      }
      xs.push(t);
      ys.push(s.c[i]);
      for (let j = 0; j < s.lines.length; j++) lines[j].push(s.lines[j].v[i]);
    }
    const fills = s.f.map((f) => ({ t: s.t0 + f[0] * s.tf, p: f[1], side: f[2], q: f[3] }));
    fills.sort((a, b) => a.t - b.t);
    return {
      name: s.name,
      tf: s.tf,
      thinned: s.thinned,
      xs,
      ys,
      lines,
      keys: s.lines.map((l) => l.key),
      fills,
    };
  }

  function lowerBound(fills, t) {
    let lo = 0;
    let hi = fills.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fills[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  let plot = null;
  let cur = null;
  /** Markers drawn in the last frame, in CSS px of the plot area, for the hover text. */
  let drawn = [];

  function drawMarkers(u) {
    const x0 = u.scales.x.min;
    const x1 = u.scales.x.max;
    const fills = cur.fills;
    const from = lowerBound(fills, x0);
    const to = lowerBound(fills, Math.nextUp ? Math.nextUp(x1) : x1 + 1e-6);
    const ctx = u.ctx;
    const ratio = uPlot.pxRatio || 1;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    drawn = [];
    let lastBuy = -1;
    let lastSell = -1;
    for (let i = from; i < to; i++) {
      const f = fills[i];
      const cx = u.valToPos(f.t, 'x', true);
      const cy = u.valToPos(f.p, 'y', true);
      const bucket = Math.floor(cx / (BUCKET_PX * ratio));
      if (f.side > 0) {
        if (bucket === lastBuy) continue;
        lastBuy = bucket;
      } else {
        if (bucket === lastSell) continue;
        lastSell = bucket;
      }
      const s = 4.5 * ratio;
      const gap = 2 * ratio;
      ctx.beginPath();
      if (f.side > 0) {
        // ▲ below the price: apex at the fill price.
        ctx.moveTo(cx, cy + gap);
        ctx.lineTo(cx - s, cy + gap + 2 * s);
        ctx.lineTo(cx + s, cy + gap + 2 * s);
      } else {
        ctx.moveTo(cx, cy - gap);
        ctx.lineTo(cx - s, cy - gap - 2 * s);
        ctx.lineTo(cx + s, cy - gap - 2 * s);
      }
      ctx.closePath();
      ctx.fillStyle = f.side > 0 ? '#16a34a' : '#dc2626';
      ctx.fill();
      ctx.lineWidth = 0.5 * ratio;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      drawn.push({ x: (cx - left) / ratio, y: (cy - top) / ratio + (f.side > 0 ? 8 : -8), f });
    }
    ctx.restore();
    const inView = to - from;
    box.dataset.xMin = String(Math.round(x0));
    box.dataset.xMax = String(Math.round(x1));
    box.dataset.fillsInView = String(inView);
    box.dataset.markersDrawn = String(drawn.length);
    let text = `${cur.name}: ${utc(x0)} → ${utc(x1)} UTC · ${inView} fills in view`;
    text +=
      drawn.length < inView
        ? `, ${drawn.length} marked (one buy and one sell per ${BUCKET_PX} px; zoom in to see every fill)`
        : ', all marked';
    if (cur.thinned > 0) text += ` · ${cur.thinned} bars left out of the file (min/max kept per column)`;
    status.textContent = `${text}. Drag to zoom, wheel to zoom, shift+wheel to pan, double-click to reset.`;
  }

  function showTip(u) {
    const cx = u.cursor.left;
    const cy = u.cursor.top;
    let best = null;
    let bestD = 100;
    for (const m of drawn) {
      const d = (m.x - cx) ** 2 + (m.y - cy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    tip.textContent = best
      ? `${best.f.side > 0 ? 'buy' : 'sell'} ${price(best.f.q)} @ ${price(best.f.p)}, ${utc(best.f.t)} UTC`
      : '\u00a0';
  }

  function fullRange() {
    return [cur.xs[0], cur.xs[cur.xs.length - 1]];
  }

  /** Sets the visible range, kept inside the data and at least 5 bars wide. */
  function setRange(a, b) {
    const [lo, hi] = fullRange();
    const minW = Math.min(hi - lo, 5 * cur.tf);
    let w = Math.max(minW, Math.min(b - a, hi - lo));
    if (!(w > 0)) w = hi - lo;
    let min = Math.max(lo, a);
    if (min + w > hi) min = hi - w;
    plot.setScale('x', { min, max: min + w });
  }

  function build(k, keep) {
    cur = decode(all.series[k]);
    if (plot) plot.destroy();
    box.textContent = '';
    const series = [
      { value: (_u, v) => (v === null || v === undefined ? '–' : `${utc(v)} UTC`) },
      { label: 'close', stroke: '#475569', width: 1, value: (_u, v) => price(v) },
      ...cur.keys.map((key, j) => ({
        label: key,
        stroke: COLOURS[j % COLOURS.length],
        width: 1.2,
        value: (_u, v) => price(v),
      })),
    ];
    plot = new uPlot(
      {
        width: Math.max(320, box.clientWidth),
        height: HEIGHT,
        ms: 1,
        tzDate: (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
        scales: {
          x: { time: true },
          // Fitted to the visible prices (not down to 0), with room for the markers beside them.
          y: {
            range: (_u, min, max) => {
              const pad = (max - min) * 0.08 || Math.abs(max) * 0.02 || 1;
              return [min - pad, max + pad];
            },
          },
        },
        series,
        axes: [{}, { size: 72, values: (_u, ticks) => ticks.map(price) }],
        cursor: { drag: { x: true, y: false, setScale: true } },
        hooks: { draw: [drawMarkers], setCursor: [showTip] },
      },
      [cur.xs, cur.ys, ...cur.lines],
      box,
    );
    if (keep) setRange(keep[0], keep[1]);
    plot.over.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const a = plot.scales.x.min;
        const b = plot.scales.x.max;
        if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          // Browsers turn shift + wheel into a sideways scroll (deltaX) or not: take whichever moved.
          const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
          const step = (b - a) * 0.15 * Math.sign(d);
          setRange(a + step, b + step);
          return;
        }
        const rect = plot.over.getBoundingClientRect();
        const at = plot.posToVal(e.clientX - rect.left, 'x');
        const factor = e.deltaY < 0 ? 0.8 : 1.25;
        setRange(at - (at - a) * factor, at + (b - at) * factor);
      },
      { passive: false },
    );
    box.dataset.instrument = cur.name;
    box.dataset.ready = '1';
  }

  const button = (id, fn) => {
    const el = document.getElementById(id);
    if (el) el.addEventListener('click', fn);
  };
  const pan = (dir) => {
    const a = plot.scales.x.min;
    const b = plot.scales.x.max;
    setRange(a + dir * (b - a) * 0.5, b + dir * (b - a) * 0.5);
  };
  const zoom = (factor) => {
    const a = plot.scales.x.min;
    const b = plot.scales.x.max;
    const mid = (a + b) / 2;
    setRange(mid - ((b - a) * factor) / 2, mid + ((b - a) * factor) / 2);
  };
  button('pc-left', () => pan(-1));
  button('pc-right', () => pan(1));
  button('pc-in', () => zoom(0.5));
  button('pc-out', () => zoom(2));
  button('pc-reset', () => {
    const [lo, hi] = fullRange();
    setRange(lo, hi);
  });
  select.addEventListener('change', () =>
    build(Number(select.value), [plot.scales.x.min, plot.scales.x.max]),
  );
  window.addEventListener('resize', () => {
    if (plot) plot.setSize({ width: Math.max(320, box.clientWidth), height: HEIGHT });
  });
  build(0, null);
})();
