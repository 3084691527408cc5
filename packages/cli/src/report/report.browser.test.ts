import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantLstm } from '@scanflow/builders';
import { saveModel } from '@scanflow/onnx-io';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../io';
import { main } from '../program';

/**
 * report.html of a real compile, opened in Debian's Chromium (headless, no network, no browser
 * download): it renders without console errors or page errors, the dataflow graph and the three
 * charts are there, the bottleneck is named, and a screenshot is written to
 * packages/cli/test-output/report.png (gitignored).
 */
const CHROMIUM = process.env.SCANFLOW_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report.browser.test: no Chromium at ${CHROMIUM} (Debian package: chromium): the browser check is skipped`);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const W8A6 = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };

describe(`report.html in a real browser${hasChromium ? '' : ' [skipped: no Chromium; Debian package: chromium]'}`, () => {
  it.skipIf(!hasChromium)('renders the LSTM compile with no errors: graph, charts, bottleneck, screenshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-report-'));
    dirs.push(dir);
    const modelPath = join(dir, 'lstm-10-20-w8a6.onnx');
    saveModel(quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 100, seed: 2025, quant: W8A6 }), modelPath);
    const out = join(dir, 'out');
    const io: CliIO = { out: () => {}, err: (l) => { throw new Error(l); } };
    expect(await main(['compile', modelPath, '--out', out, '--explore', '--budget', '0.1'], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const bottleneck: string = report.estimate.bottleneck;
    expect(bottleneck).toBeTruthy();

    const profile = mkdtempSync(join(tmpdir(), 'scanflow-chromium-'));
    dirs.push(profile);
    // a new empty profile (--user-data-dir) through launchPersistentContext
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${join(out, 'report.html')}`, { waitUntil: 'load' });

      // the dataflow graph: layers, a Recurrence cluster with its loop edge, the bottleneck node
      expect(await page.locator('#dataflow-graph g.node-layer').count()).toBeGreaterThan(10);
      expect(await page.locator('#dataflow-graph g.cluster.recurrence').count()).toBe(1);
      expect(await page.locator('#dataflow-graph g.loop-edge').count()).toBe(2); // h and c
      expect(await page.locator('#dataflow-graph g.node.bottleneck').count()).toBe(1);
      expect(await page.locator('#dataflow-graph g.node.bottleneck').getAttribute('data-id')).toBe(bottleneck);
      expect(await page.locator('#dataflow-graph path.edge').count()).toBeGreaterThan(20);
      // the charts, rendered by Vega at build time: bars, utilisation bars, Pareto points
      for (const id of ['chart-cycles', 'chart-utilisation', 'chart-pareto']) {
        expect(await page.locator(`#${id} svg.marks`).count(), id).toBe(1);
        const box = await page.locator(`#${id} svg.marks`).boundingBox();
        expect(box && box.width > 200 && box.height > 100, id).toBe(true);
      }
      expect(await page.locator('#chart-cycles svg .mark-rect.role-mark path').count()).toBe(report.estimate.layers.length + report.estimate.recurrences.length);
      expect(await page.locator('#chart-utilisation svg .mark-rect.role-mark path').count()).toBe(5);
      expect(await page.locator('#chart-pareto svg .mark-symbol.role-mark path').count()).toBe(report.exploration.pareto.length);
      // the bottleneck is named, and its bar is the highlighted colour
      expect(await page.locator('#card-bottleneck .card-value').textContent()).toBe(bottleneck);
      expect(await page.locator('#chart-cycles svg').textContent()).toContain(bottleneck);
      expect(await page.locator('#chart-cycles svg .mark-rect.role-mark path[fill="#d9480f"]').count()).toBe(1);
      // verification per stage, interface, host side; every figure labelled
      expect(await page.locator('#verification-table tbody tr').count()).toBe(4);
      expect(await page.locator('#first-divergence').textContent()).toMatch(/none/);
      expect(await page.locator('#interface-table tbody tr').count()).toBe(6);
      expect(await page.locator('#host-ops tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('.kind-estimate').count()).toBeGreaterThan(5);
      expect(await page.locator('.kind-simulation').count()).toBeGreaterThan(2);

      const shots = fileURLToPath(new URL('../../test-output/', import.meta.url));
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
      expect(existsSync(join(shots, 'report.png'))).toBe(true);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
