/** The page's own styles (uPlot's come from its package). System fonts: the page works offline. */
export const PAGE_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #1b1b1b; }
h1 { font-size: 22px; margin: 18px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.note { color: #555; margin: 4px 0; }
.error { color: #b00020; }
.blockers { color: #8a4b00; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.driver { max-width: 360px; }
.controls { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
#bandwidth-slider { width: 420px; }
.scroll { max-height: 480px; overflow: auto; border: 1px solid #eee; }
#vm-table th[role=button] { cursor: pointer; }
#vm-table tr.left-out td { color: #8a4b00; }
.vm-name { cursor: pointer; text-decoration: underline dotted; }
#worst-per-day { display: flex; align-items: flex-end; gap: 2px; height: 80px; }
#worst-per-day .day { display: flex; flex-direction: column; align-items: center; width: 26px; }
#worst-per-day .bar { display: block; width: 18px; background: #1f77b4; }
#worst-per-day .over .bar { background: #d62728; }
#worst-per-day .label { font-size: 9px; color: #666; }
table.heat td.cell { width: 14px; min-width: 14px; padding: 0; height: 16px; border: 1px solid #fff; }
table.heat th.rot { font-size: 9px; writing-mode: vertical-rl; transform: rotate(180deg); padding: 2px 0; }
.legend { display: flex; gap: 6px; align-items: center; font-size: 12px; }
.legend .gradient { display: inline-block; width: 160px; height: 12px; background: linear-gradient(90deg, hsl(220 70% 92%), hsl(110 70% 72%), hsl(0 70% 52%)); }
.legend .swatch { display: inline-block; width: 12px; height: 12px; background: #eee; margin-left: 12px; }
ul.findings li { margin: 6px 0; }
ul.findings li.action strong { color: #b00020; }
ul.findings li.warning strong { color: #8a4b00; }
.action { color: #333; margin-left: 12px; }
`
