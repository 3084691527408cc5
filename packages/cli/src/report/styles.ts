/** The report's stylesheet (inline; no external fonts or assets). */
export const REPORT_CSS = `
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px auto;max-width:1180px;color:#1f2937;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.meta{color:#4b5563;font-size:13px;margin:0 0 12px}
.kind{display:inline-block;font-size:10px;font-weight:bold;letter-spacing:.04em;padding:1px 5px;border-radius:3px;vertical-align:middle;color:#fff}
.kind-estimate{background:#6366f1}.kind-simulation{background:#0d9488}.kind-measurement{background:#b45309}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:8px 10px}.card-title{font-size:12px;color:#4b5563}.card-value{font-size:15px;margin-top:4px;overflow-wrap:anywhere}
table.data{border-collapse:collapse;font-size:12px;margin:8px 0;width:100%}
table.data caption{text-align:left;font-weight:bold;margin-bottom:4px}
table.data th,table.data td{border:1px solid #e5e7eb;padding:2px 6px;text-align:right}
table.data td.name,table.data th:first-child,table.data td:first-child{text-align:left;overflow-wrap:anywhere}
tr.bottleneck td{background:#fff4e6}tr.over td,tr.divergent td{background:#fde2e2}
.verdict-bit-exact{color:#047857}.verdict-differs{color:#b91c1c;font-weight:bold}
.good{color:#047857}.bad{color:#b91c1c}
figure{margin:8px 0;overflow-x:auto}figcaption{font-size:12px;color:#4b5563;margin-top:4px}
svg.dataflow{max-width:100%;height:auto;font-size:11px}
svg.dataflow .cluster rect{fill:#f8fafc;stroke:#64748b;stroke-dasharray:5 3}
svg.dataflow .cluster-title{font-weight:bold;fill:#334155}
svg.dataflow .node rect{fill:#eef2ff;stroke:#6366f1}
svg.dataflow .node-reshape rect{fill:#f3f4f6;stroke:#9ca3af}
svg.dataflow .node-port-in rect,svg.dataflow .node-port-out rect{fill:#ecfdf5;stroke:#059669}
svg.dataflow .node-state rect,svg.dataflow .node-sequence rect{fill:#fffbeb;stroke:#d97706}
svg.dataflow .node.bottleneck rect{fill:#ffedd5;stroke:#c2410c;stroke-width:2.5}
svg.dataflow .node text{fill:#111827}svg.dataflow .node text.op{font-weight:bold}
svg.dataflow .edge{fill:none;stroke:#6b7280;stroke-width:1.2}
svg.dataflow .loop-edge path{fill:none;stroke:#c2410c;stroke-width:1.5;stroke-dasharray:6 3}
svg.dataflow .loop-label{fill:#c2410c;font-size:10px}
code{font-size:12px;background:#f3f4f6;padding:0 3px;border-radius:3px}
ul.notes li,ul.recurrences li{font-size:13px}
`;
