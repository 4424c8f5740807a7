// The inline stylesheet of report.html: readable on screen and in print, no web fonts, no network.
export const reportCss = `
:root { --ink: #1d2433; --muted: #5f6b7a; --line: #d9dee5; --pass: #1a7f37; --fail: #c62828; --warn: #b26a00; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 12px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-size: 13px; font-weight: 600; vertical-align: middle; margin-left: 8px; }
.badge.passed { background: var(--pass); } .badge.failed, .badge.error { background: var(--fail); } .badge.interrupted, .badge.running { background: var(--warn); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.text, table.facts td, #environment td { overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; } td.muted { color: var(--muted); }
table.facts th { width: 40%; font-weight: 500; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
header .sub { margin-top: 2px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 12px 0 0; padding: 10px 14px; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; }
.meta div { max-width: 100%; } .meta dt { color: var(--muted); font-size: 12px; } .meta dd { margin: 0; overflow-wrap: anywhere; }
.meta [data-field="defects"], .meta [data-field="overrides"], .meta [data-field="aborted"] { flex-basis: 100%; }
.hash { color: var(--muted); font-size: 12px; cursor: help; } .planted code { border-color: var(--warn); color: var(--warn); } .why { color: var(--warn); font-size: 12px; }
tr.fail td.result { color: var(--fail); font-weight: 700; } tr.not-judged td.result { color: var(--warn); font-weight: 700; } tr.pass td.result { color: var(--pass); font-weight: 700; }
.detail { color: var(--muted); font-size: 12px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 10px; }
.tile { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.tile b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; } .tile span { color: var(--muted); font-size: 12px; }
.tile.bad b { color: var(--fail); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); gap: 16px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.legend, .note { font-weight: 400; color: var(--muted); font-size: 12px; margin-left: 8px; }
.key { margin-right: 10px; } .key i { display: inline-block; width: 10px; height: 3px; margin-right: 4px; vertical-align: middle; }
svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: #e8ebef; stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg .bars rect { fill: #4c6ef5; } svg .bars rect:hover { fill: #364fc7; }
svg .hover { fill: transparent; } svg .hover:hover { fill: rgba(29, 36, 51, 0.06); }
svg .guide line { stroke-width: 1.5; } svg .guide text { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .guide.bound line { stroke: var(--fail); stroke-dasharray: 6 3; } svg .guide.bound text { fill: var(--fail); }
svg .guide.bound.pass line { stroke: #e8590c; } svg .guide.bound.pass text { fill: #d9480f; }
svg .guide.measured line { stroke: var(--muted); } svg .guide.measured text { fill: var(--muted); }
svg .band { fill: #4c6ef5; opacity: 0.06; }
svg .marker { stroke: #ae3ec9; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .marker.device { stroke: var(--warn); } svg .marker.load { stroke: #4c6ef5; }
svg .empty { fill: var(--muted); font-size: 14px; }
.kind { display: inline-block; min-width: 56px; font-size: 12px; color: #fff; border-radius: 4px; padding: 0 6px; text-align: center; }
.kind.chaos { background: #ae3ec9; } .kind.device { background: var(--warn); } .kind.stub { background: #1098ad; } .kind.load { background: #4c6ef5; }
.error { color: var(--fail); font-weight: 600; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
@media (max-width: 520px) { main { padding: 12px; } }
@media print { .charts { grid-template-columns: 1fr; } }
`;
