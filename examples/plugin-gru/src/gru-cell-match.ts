import { type Graph, type Node, normalizeDomain } from '@scanflow/ir';

/** A product of a gate: MatMul(weight, data). */
export interface GateProduct {
  matmul: Node;
  weight: string;
}

/** One gate of a matched GRU cell: its products, the accumulator (pre-activation, clipped) and the activation's output. */
export interface GruGateMatch {
  products: GateProduct[];
  acc: string;
  out: string;
}

/**
 * A float GRU step as lower-gru writes it (./gru-cell.ts) in a Scan body, found by its structure
 * from the new state back:
 *   h_t = Add(Mul(Sub(1, z), h̃), Mul(z, h_t-1)),  z = σ(acc_z),  h̃ = tanh(acc_h),
 *   acc_g = (Clip)(Add(Add(MatMul(W_g, x), recurrent_g) (, bias)))
 * with recurrent_z / _r = MatMul(R_g, h_t-1) and recurrent_h = MatMul(R_h, Mul(r, h_t-1))
 * (linear_before_reset 0) or Mul(r, (Add)(MatMul(R_h, h_t-1) (, Rb_h))) (linear_before_reset 1).
 */
export interface GruCellMatch {
  graph: Graph;
  x: string;
  h: string;
  z: GruGateMatch;
  r: GruGateMatch;
  c: GruGateMatch;
  linearBeforeReset: boolean;
  /** r ⊙ h (lbr 0) or r ⊙ lin (lbr 1). */
  resetProduct: string;
  /** lbr 1: R_h·h (+ Rb_h), and W_h·x, which the reset product is added to. */
  recurrentAcc?: string;
  candidateInput?: string;
  keep: string;
  take: string;
  hNext: string;
}

type Result = { ok: true; cell: GruCellMatch } | { ok: false; reason: string };

/** Matches the GRU step of a Scan body whose first state input is h_t-1 and last input x_t. */
export function matchGruCell(body: Graph): Result {
  const producers = new Map<string, Node>();
  for (const n of body.nodes) for (const o of n.outputs) if (o) producers.set(o, n);
  const std = (v: string | undefined, opType: string): Node | undefined => {
    const n = v ? producers.get(v) : undefined;
    return n && n.opType === opType && normalizeDomain(n.domain) === '' ? n : undefined;
  };
  const fail = (reason: string): Result => ({ ok: false, reason });
  const h = body.inputs[0]?.name;
  const x = body.inputs[body.inputs.length - 1]?.name;
  if (!h || !x || body.inputs.length !== 2) return fail('the body does not read one state and one sequence input');
  const hNext = body.outputs[0]?.name ?? '';
  const sum = std(hNext, 'Add');
  if (!sum) return fail('the new state is not a sum');
  const muls = sum.inputs.map((v) => std(v, 'Mul'));
  if (!muls[0] || !muls[1]) return fail('the new state is not a sum of two products');
  const takeMul = muls.find((m) => m!.inputs.includes(h));
  const keepMul = muls.find((m) => m !== takeMul);
  if (!takeMul || !keepMul) return fail('no product with the previous state');
  const zOut = takeMul.inputs.find((v) => v !== h)!;
  const sub = keepMul.inputs.map((v) => std(v, 'Sub')).find((s) => s && s.inputs[1] === zOut);
  if (!sub) return fail('no 1 − z factor');
  const hcOut = keepMul.inputs.find((v) => v !== sub.outputs[0])!;
  // a gate: activation(acc), acc = (Clip)(Add(Add(MatMul(W, x), recurrent) (, bias)))
  const gate = (out: string, act: string): { g: GruGateMatch; recurrent: string } | string => {
    const a = std(out, act);
    if (!a) return `'${out}' is not a ${act}`;
    let acc = a.inputs[0]!;
    let s = std(acc, 'Clip') ? std(acc, 'Clip')!.inputs[0]! : acc;
    let add = std(s, 'Add');
    if (!add) return `the input of ${act} '${out}' is not a sum`;
    // optional bias: an Add with a constant
    if (add.inputs.some((v) => body.initializers.has(v!))) {
      s = add.inputs.find((v) => !body.initializers.has(v!))!;
      add = std(s, 'Add');
      if (!add) return `the accumulator of '${out}' is not W·x + recurrent`;
    }
    const wx = add.inputs.map((v) => std(v, 'MatMul')).find((m) => m && m.inputs[1] === x);
    if (!wx) return `the accumulator of '${out}' has no W·x`;
    const recurrent = add.inputs.find((v) => v !== wx.outputs[0])!;
    return { g: { products: [{ matmul: wx, weight: wx.inputs[0]! }], acc, out }, recurrent };
  };
  const z = gate(zOut, 'Sigmoid');
  if (typeof z === 'string') return fail(z);
  const zr = std(z.recurrent, 'MatMul');
  if (!zr || zr.inputs[1] !== h) return fail('the update gate has no R·h');
  z.g.products.push({ matmul: zr, weight: zr.inputs[0]! });
  const c = gate(hcOut, 'Tanh');
  if (typeof c === 'string') return fail(c);
  let rOut: string;
  let resetProduct: string;
  let recurrentAcc: string | undefined;
  let linearBeforeReset: boolean;
  const cr = std(c.recurrent, 'MatMul');
  if (cr) {
    // linear_before_reset 0: R_h·(r ⊙ h)
    const rh = std(cr.inputs[1], 'Mul');
    if (!rh || !rh.inputs.includes(h)) return fail('the candidate reads neither R_h·(r ⊙ h) nor r ⊙ (R_h·h)');
    rOut = rh.inputs.find((v) => v !== h)!;
    resetProduct = rh.outputs[0]!;
    c.g.products.push({ matmul: cr, weight: cr.inputs[0]! });
    linearBeforeReset = false;
  } else {
    const rm = std(c.recurrent, 'Mul');
    if (!rm) return fail('the candidate reads neither R_h·(r ⊙ h) nor r ⊙ (R_h·h)');
    resetProduct = rm.outputs[0]!;
    const lin = rm.inputs.find((v) => std(v, 'MatMul') || std(v, 'Add'));
    if (!lin) return fail('no R_h·h in the reset product');
    const linAdd = std(lin, 'Add');
    const rhm = linAdd ? linAdd.inputs.map((v) => std(v, 'MatMul')).find(Boolean) : std(lin, 'MatMul');
    if (!rhm || rhm.inputs[1] !== h) return fail('no R_h·h in the reset product');
    c.g.products.push({ matmul: rhm, weight: rhm.inputs[0]! });
    rOut = rm.inputs.find((v) => v !== lin)!;
    recurrentAcc = lin;
    linearBeforeReset = true;
  }
  const r = gate(rOut, 'Sigmoid');
  if (typeof r === 'string') return fail(r);
  const rr = std(r.recurrent, 'MatMul');
  if (!rr || rr.inputs[1] !== h) return fail('the reset gate has no R·h');
  r.g.products.push({ matmul: rr, weight: rr.inputs[0]! });
  return {
    ok: true,
    cell: {
      graph: body,
      x,
      h,
      z: z.g,
      r: r.g,
      c: c.g,
      linearBeforeReset,
      resetProduct,
      ...(recurrentAcc ? { recurrentAcc, candidateInput: c.g.products[0]!.matmul.outputs[0]! } : {}),
      keep: keepMul.outputs[0]!,
      take: takeMul.outputs[0]!,
      hNext,
    },
  };
}
