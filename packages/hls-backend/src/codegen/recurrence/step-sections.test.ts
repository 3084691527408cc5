import { describe, expect, it } from 'vitest';
import type { ArrayRef, StepOp } from './step-plan';
import { chainSections, sectionCycles } from './step-sections';

/** Hand-made step operations: channels 8, the given lanes and iterations 8 / lanes (MVAU: (MH/PE)·(MW/SIMD)). */
const local = (value: string): ArrayRef => ({ kind: 'local', value });
const ew = (id: string, level: number, lanes: number, inputs: ArrayRef[], output: ArrayRef): StepOp => ({ kind: 'elementwise', id, level, iterations: 8 / lanes, lanes, channels: 8, inputs, output, ewOp: 'add' });
const mvau = (id: string, level: number, pe: number, simd: number, x: ArrayRef, output: ArrayRef, init?: ArrayRef): StepOp => ({
  kind: 'mvau',
  id,
  level,
  iterations: (8 / pe) * (8 / simd),
  lanes: pe,
  simd,
  mw: 8,
  mh: 8,
  channels: 8,
  inputs: [x],
  ...(init ? { init } : {}),
  output,
});
const hCur: ArrayRef = { kind: 'state', state: 0, half: 'cur' };
const hNxt: ArrayRef = { kind: 'state', state: 0, half: 'nxt' };
const seq: ArrayRef = { kind: 'seq', seq: 0 };
const read = (lanes: number): StepOp => ({ kind: 'read', id: 'r', level: 1, iterations: 8 / lanes, lanes, channels: 8, inputs: [], output: seq, seq: 0 });

const ids = (sections: StepOp[][]) => sections.map((s) => s.map((o) => o.id));

describe('chainSections', () => {
  it.each<[string, StepOp[][], string[][]]>([
    [
      'element-wise levels at the same lanes chain',
      [[ew('a', 1, 2, [hCur], local('a'))], [ew('b', 2, 2, [local('a')], local('b'))], [ew('c', 3, 2, [local('b')], hNxt)]],
      [['a', 'b', 'c']],
    ],
    [
      'a reader at other lanes starts a new loop (its chunks are not the ones written)',
      [[ew('a', 1, 2, [hCur], local('a'))], [ew('b', 2, 4, [local('a')], hNxt)]],
      [['a'], ['b']],
    ],
    [
      'the same lanes but other iterations in the level do not chain',
      [[ew('a', 1, 2, [hCur], local('a'))], [ew('b', 2, 2, [local('a')], local('b')), mvau('m', 2, 2, 2, hCur, local('m'))]],
      [['a'], ['b', 'm']],
    ],
    [
      'an MVAU reading its input vector from the loop needs all of it: a new loop',
      [[ew('a', 1, 2, [hCur], local('a'))], [mvau('m', 2, 2, 8, local('a'), hNxt)]],
      [['a'], ['m']],
    ],
    [
      'an MVAU starting its accumulators chunk by chunk from the loop chains (whole rows: SIMD = MW)',
      [[read(2)], [mvau('m', 2, 2, 8, hCur, local('m'), seq)], [ew('e', 3, 2, [local('m')], hNxt)]],
      [['r', 'm', 'e']],
    ],
    [
      'an MVAU folded over its columns (SIMD < MW) finishes a row only every MW/SIMD iterations: its readers wait',
      [[mvau('m', 1, 4, 4, hCur, local('m'))], [ew('e', 2, 2, [local('m')], hNxt)]],
      [['m'], ['e']],
    ],
    [
      "reading a state's current half is no dependence on the loop writing its next half",
      [[ew('a', 1, 2, [hCur], hNxt)], [mvau('m', 2, 2, 8, hCur, local('m'))]],
      [['a', 'm']],
    ],
  ])('%s', (_, levels, expected) => {
    expect(ids(chainSections(levels))).toEqual(expected);
  });
});

describe('sectionCycles (ESTIMATE)', () => {
  const depth = (op: StepOp) => (op.kind === 'read' ? 1 : op.kind === 'mvau' ? 5 : 3);

  it('a chained loop pays its iterations once plus its longest chain; a read adds nothing to its readers', () => {
    // r → m (5) → e (3): depth 8, 4 iterations → 12; as three loops it would be (4 + 1) + (4 + 5) + (4 + 3) = 21
    const [loop] = chainSections([[read(2)], [mvau('m', 2, 2, 8, hCur, local('m'), seq)], [ew('e', 3, 2, [local('m')], hNxt)]]);
    expect(sectionCycles(loop!, depth)).toEqual({ iterations: 4, depth: 8, cycles: 12 });
  });

  it('members side by side: the deeper one sets the depth; one iteration costs its depth only', () => {
    const side = [ew('a', 1, 8, [hCur], local('a')), mvau('m', 1, 8, 8, hCur, local('m'))];
    expect(sectionCycles(side, depth)).toEqual({ iterations: 1, depth: 5, cycles: 5 });
  });
});
