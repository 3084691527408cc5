import { convRanges } from '../interval-rules';
import { attrInt, attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { defineOp, type OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { conflict, sameElemType, tensorOf, unifyDim } from './shape-helpers';
import { autoPadSpec, dilationsSpec, padsSpec, readWindow, stridesSpec, windowOutput } from './window-shape';

/** Conv: X [N, C, D1 …], W [M, C / group, k1 …], optional B [M] → Y [N, M, O1 …]. */
export const convOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Conv',
    traits: { scaleCommuting: 'linear', contraction: true, ranges: convRanges },
    since: 1,
    inputs: [2, 3],
    outputs: [1, 1],
    attributes: {
      auto_pad: autoPadSpec,
      dilations: dilationsSpec,
      group: { type: 'int', default: 1, description: 'Number of channel groups.' },
      kernel_shape: { type: 'ints', description: "Spatial kernel size (default: W's spatial dimensions)." },
      pads: padsSpec,
      strides: stridesSpec,
    },
    inferTypes(ctx) {
      const elem = sameElemType(ctx, [0, 1, 2]);
      const x = ctx.tensorInput(0)?.shape;
      const w = ctx.tensorInput(1)?.shape;
      if (!elem) return [undefined];
      const rank = x?.length ?? w?.length;
      if (rank === undefined) return [tensorOf(elem)];
      if (rank < 3) ctx.fail(`Conv: input has rank ${rank}, expected at least 3 ([N, C, D1, ...])`);
      if (x && w && w.length !== x.length) ctx.fail(`Conv: weights have rank ${w.length} but the input has rank ${x.length}`);
      const group = attrInt(ctx.node, 'group', 1);
      if (group < 1) ctx.fail(`Conv: group ${group} must be positive`);
      if (x && w && typeof x[1] === 'number' && typeof w[1] === 'number' && x[1] !== w[1] * group) {
        ctx.fail(`Conv: input has ${x[1]} channels but the weights expect ${w[1]} × group ${group} = ${w[1] * group}`);
      }
      if (w && typeof w[0] === 'number' && w[0] % group !== 0) ctx.fail(`Conv: ${w[0]} output channels do not divide into ${group} groups`);
      const b = ctx.node.inputs[2] ? ctx.tensorInput(2)?.shape : undefined;
      if (b && (b.length !== 1 || (w && conflict(b[0], w[0])))) ctx.fail(`Conv: bias has shape [${b.join(', ')}], expected [${w?.[0] ?? 'M'}]`);
      const n = rank - 2;
      let kernel: number[] | undefined = ctx.node.attributes.has('kernel_shape') ? attrInts(ctx.node, 'kernel_shape') : undefined;
      if (kernel && w) {
        w.slice(2).forEach((d, k) => {
          if (conflict(d, kernel![k])) ctx.fail(`Conv: kernel_shape [${kernel!.join(', ')}] differs from the weights' spatial shape [${w.slice(2).join(', ')}]`);
        });
      }
      if (!kernel && w && w.slice(2).every((d) => typeof d === 'number')) kernel = w.slice(2) as number[];
      const m = unifyDim(w ? w[0] : null, b ? b[0] : null);
      const spatial: Dim[] = [];
      if (!kernel || !x) for (let k = 0; k < n; k++) spatial.push(null);
      else {
        const win = readWindow(ctx, n, kernel);
        for (let k = 0; k < n; k++) spatial.push(windowOutput(ctx, x[k + 2], win, k));
      }
      return [tensorOf(elem, [x ? x[0] : null, m, ...spatial])];
    },
    inferDataTypes: macDataType,
  }),
];
