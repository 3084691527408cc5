import { estimateModel } from '@scanflow/hls-backend';
import { createRegistry, DataType, definePlugin, DuplicateContributionError, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { boardsPlugin, findBoard } from './boards-plugin';
import { checkUtilisation, fitsBoard, latencyMicroseconds, OverBudgetError, utilisation } from './utilisation';
import { FINN_ZCU104_PLANNING, zcu104 } from './zcu104';

describe('zcu104()', () => {
  it('is the XCZU7EV at 200 MHz with the DS891 ZU7EV resources', () => {
    const b = zcu104();
    expect(b.part).toBe('xczu7ev-ffvc1156-2-e');
    expect(b.clockPeriodNs).toBe(5);
    expect(b.resources).toEqual({ lut: 230400, ff: 460800, bram18: 624, uram: 96, dsp: 1728 });
    expect(b.resources.bram18).toBe(2 * 312); // 312 BRAM36
    expect(b.notes.join(' ')).toMatch(/DS891/);
  });

  it("keeps FINN's lower planning numbers as a note only", () => {
    expect(FINN_ZCU104_PLANNING).toEqual({ lut: 230000, ff: 460000, bram18: 610, uram: 92, dsp: 1728 });
    expect(zcu104().resources.bram18).not.toBe(FINN_ZCU104_PLANNING.bram18);
  });
});

describe('boards through the registry', () => {
  it('contributes the ZCU104 and finds it by name, case-insensitively', () => {
    const registry = createRegistry([boardsPlugin()]);
    expect(registry.list('boards').map((b) => b.name)).toEqual(['zcu104']);
    expect(findBoard(registry, 'ZCU104').part).toBe('xczu7ev-ffvc1156-2-e');
    expect(findBoard(registry, 'zcu104').boardPart).toBe('xilinx.com:zcu104:part0:1.1');
  });

  it('names the known boards for an unknown one', () => {
    expect(() => findBoard(createRegistry([boardsPlugin()]), 'pynq-z2')).toThrow(/unknown board 'pynq-z2'; known boards: zcu104/);
    expect(() => findBoard(createRegistry(), 'zcu104')).toThrow(/known boards: none/);
  });

  it('adds a board from another plugin without touching this package, and refuses a duplicate name unless it overrides', () => {
    const other = { ...zcu104(), name: 'my-board', part: 'xczu9eg-ffvb1156-2-e' };
    const registry = createRegistry([boardsPlugin(), definePlugin({ name: 'third-party', boards: [other] })]);
    expect(findBoard(registry, 'my-board').part).toBe('xczu9eg-ffvb1156-2-e');
    const clash = definePlugin({ name: 'clash', boards: [{ ...zcu104(), clockPeriodNs: 4 }] });
    expect(() => createRegistry([boardsPlugin(), clash])).toThrow(DuplicateContributionError);
    const replacing = definePlugin({ name: 'replacing', override: true, boards: [{ ...zcu104(), clockPeriodNs: 4 }] });
    expect(findBoard(createRegistry([boardsPlugin(), replacing]), 'zcu104').clockPeriodNs).toBe(4);
  });
});

describe('utilisation', () => {
  it('per resource used / available / percent', () => {
    const u = utilisation({ lut: 23040, ff: 0, bram18: 312, uram: 0, dsp: 432 }, zcu104());
    expect(u.lut).toEqual({ used: 23040, available: 230400, percent: 10 });
    expect(u.bram18.percent).toBe(50);
    expect(u.dsp.percent).toBe(25);
    expect(u.kind).toBe('ESTIMATE');
    expect(fitsBoard({ lut: 230401, ff: 0, bram18: 0, uram: 0, dsp: 0 }, zcu104())).toBe(false);
  });

  it('takes an estimateModel report', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [4, 2], DataType.int(4));
    const y = b.op('MVAU', [x, b.initializer('W', Tensor.float32([2, 2], [1, 0, 0, 1]), DataType.int(2))], { mw: 2, mh: 2, acc_dtype: 'INT8' }, { domain: HW_DOMAIN, name: 'm' });
    b.output(y);
    const report = estimateModel(b.model());
    const u = utilisation(report, zcu104());
    expect(u.lut.used).toBe(report.totals.lut);
    expect(u.lut.percent).toBeCloseTo((100 * report.totals.lut) / 230400, 10);
  });

  it('stops on the first estimate over budget, naming every resource that does not fit', () => {
    expect(() => checkUtilisation({ lut: 250000, ff: 0, bram18: 700, uram: 0, dsp: 1728 }, zcu104())).toThrow(OverBudgetError);
    expect(() => checkUtilisation({ lut: 250000, ff: 0, bram18: 700, uram: 0, dsp: 1728 }, zcu104())).toThrow(
      /does not fit the zcu104 \(xczu7ev-ffvc1156-2-e\): LUT 250,000 \/ 230,400 \(108\.5 %\), BRAM18 700 \/ 624 \(112\.2 %\) \(ESTIMATES\)/,
    );
    // exactly the budget fits
    expect(checkUtilisation({ lut: 230400, ff: 460800, bram18: 624, uram: 96, dsp: 1728 }, zcu104()).dsp.percent).toBe(100);
  });

  it('latency in µs at 5 ns: 2000 cycles = 10 µs', () => {
    expect(latencyMicroseconds(2000, zcu104())).toBe(10);
  });
});
