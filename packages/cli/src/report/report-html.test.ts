import { quantLstm } from '@scanflow/builders';
import { utilisation } from '@scanflow/board-zcu';
import { estimateModel } from '@scanflow/hls-backend';
import { describe, expect, it } from 'vitest';
import { csimAgainstReference } from '../flow/csim-check';
import { runHardwareFlow } from '../hardware/hardware-flow';
import { fullRegistry } from '../compose/full-registry';
import { randomInputs } from '../flow/random-inputs';
import { buildReportData, reportJson } from './build-report-data';
import { cycleBars } from './charts/cycles-chart';
import { reportHtml } from './report-html';
import { verifyStages } from './stage-verification';

const HOSTILE = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';

/** ReportData of a small LSTM (4 → 6, T = 5), one hardware layer renamed to markup. */
function smallReport(explore: boolean) {
  const registry = fullRegistry();
  const model = quantLstm({ inputSize: 4, hiddenSize: 6, seqLen: 5, seed: 11 });
  const flow = runHardwareFlow(model, registry, 'zcu104', explore ? { explore: true, budget: 0.2 } : {});
  const mvau = flow.hardware.graph.nodes.find((n) => n.opType === 'MVAU')!;
  mvau.name = HOSTILE;
  const inputs = randomInputs(model.graph, 1, new Map());
  const project = csimAgainstReference(flow.hardwareOpen, model, registry, { part: flow.board.part, clockNs: flow.board.clockPeriodNs }, [{ inputs }], { rtol: 0, atol: 0 }, { run: false }).project;
  const estimate = estimateModel(flow.hardware);
  return buildReportData({ modelPath: 'models/<b>lstm</b>.onnx', flow, project, estimate, utilisation: utilisation(estimate, flow.board), verification: verifyStages(model, flow.snapshots, inputs, registry), csim: { skipped: 'not run in this test' } });
}

describe('report.html', () => {
  it('is deterministic, self-contained and escapes every model name', async () => {
    const data = smallReport(true);
    const a = await reportHtml(data);
    const b = await reportHtml(smallReport(true));
    expect(b).toBe(a);
    expect(a).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(a).toContain('&lt;script&gt;');
    expect(a).toContain('models/&lt;b&gt;lstm&lt;/b&gt;.onnx');
    // nothing is fetched: no scripts, links, or external sources (the only URLs are SVG / XML namespaces)
    const urls = [...a.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u))).toEqual([]);
    // no element or attribute that loads anything (attribute values, which hold escaped names, blanked first)
    const tags = [...a.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
    expect(tags.filter((t) => /^<(link|script|iframe|object|embed|img|image|use)\b|\s(src|href|xlink:href)=/i.test(t))).toEqual([]);
    expect(a.match(/url\([^)]*\)/g)!.every((u) => /^url\(#[a-z-]+\)$/.test(u))).toBe(true);
    expect(a).not.toMatch(/@import/);
    // the three figures, the graph, the sections
    for (const id of ['chart-dataflow', 'chart-cycles', 'chart-utilisation', 'chart-pareto', 'verification-table', 'interface-table', 'host-ops', 'layers-table']) expect(a, id).toContain(`id="${id}"`);
  });

  it('labels every figure and table with what produced its numbers', async () => {
    const html = await reportHtml(smallReport(false));
    for (const heading of html.match(/<h2>[^\n]*<\/h2>/g)!.filter((h) => /Dataflow|Cycles|Utilisation|exploration|Verification/.test(h))) {
      expect(heading).toMatch(/kind-(estimate|simulation|measurement)/);
    }
    for (const caption of html.match(/<caption>[^\n]*<\/caption>/g)!.filter((c) => !/ports|Host-side/.test(c))) expect(caption).toMatch(/kind-/);
    expect(html).toContain('No exploration: the folding came from the defaults or a file.');
    // the recurrence's step, loop by loop (PE = 1: the x-slice read, U·h, the element-wise levels chained)
    expect(html).toMatch(/step loops: 6 \+ depth 1 = 7 \(read ×4\) · 36 \+ depth \d+ = \d+ \(mvau ×4\) · 6 \+ depth \d+ = \d+ \(chained: [^)]*\) · 1 loop control/);
  });

  it('report.json is the same data', () => {
    const data = smallReport(false);
    expect(JSON.parse(reportJson(data))).toEqual(JSON.parse(JSON.stringify(data)));
    // the stages of this model agree (SIMULATION): no divergence to report
    expect(data.stages.map((s) => s.stage)).toEqual(['import', 'qonnx', 'streamlined', 'hardware']);
    expect(data.stages.every((s) => s.verification !== undefined && s.verification.vsPrevious !== 'differs')).toBe(true);
    expect(data.firstDivergence).toBeUndefined();
  });
});

describe('cycles chart bars', () => {
  it.each([false, true])('the named bottleneck is the longest bar of its level (explore: %s)', (explore) => {
    const data = smallReport(explore);
    const bars = cycleBars(data.estimate);
    const b = bars.filter((x) => x.role === 'bottleneck');
    expect(b).toHaveLength(1);
    const level = bars.filter((x) => x.context === b[0]!.context);
    expect(b[0]!.path).toBe(Math.max(...level.map((x) => x.path)));
    // and the Recurrence holding it is the longest of the top level, whose longest path is the latency
    const top = bars.filter((x) => x.context === 'top level: one inference');
    expect(Math.max(...top.map((x) => x.path))).toBe(data.estimate.latencyCycles);
    expect(top.find((x) => x.role === 'holds the bottleneck')!.path).toBe(data.estimate.latencyCycles);
  });
});
