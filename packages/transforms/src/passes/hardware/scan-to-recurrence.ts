import { attrGraph, attrInt, attrInts, forEachGraph, HW_DOMAIN, outerScopeReferences, toNumbers, isHwLayer } from '@scanflow/ir';
import { definePass } from '../../pass';

/**
 * A Scan (opset 9+, every scan axis 0) whose body holds only hardware layers and Reshapes → a
 * Recurrence layer, the time loop with the state on chip. Outer-scope constants the body reads are
 * copied into it. A Scan with anything else in its body stays (noted), and code generation will
 * refuse it by name.
 */
export default definePass({
  name: 'scan-to-recurrence',
  description: 'Scan whose body is all hardware layers → Recurrence',
  stage: 'hardware',
  placement: { stage: 'hardware', after: ['merge-threshold-stages-hoisted'] },
  run(model, ctx) {
    let k = 0;
    forEachGraph(model.graph, (g) => {
      for (const node of g.nodes) {
        if (node.opType !== 'Scan' || node.domain !== '' || model.opsetVersion('') < 9) continue;
        const body = attrGraph(node, 'body');
        const other = body.nodes.find((x) => !isHwLayer(x) && !(x.domain === '' && x.opType === 'Reshape'));
        if (other) {
          ctx.note(`Scan '${node.name}' stays: its body holds ${other.qualifiedType} '${other.name}', not a hardware layer`);
          continue;
        }
        if (['scan_input_axes', 'scan_output_axes'].some((a) => node.attributes.has(a) && attrInts(node, a).some((v) => v !== 0))) {
          ctx.note(`Scan '${node.name}' stays: a scan axis is not 0`);
          continue;
        }
        const refs = outerScopeReferences(body);
        const missing = [...refs].filter((r) => !g.initializers.has(r));
        if (missing.length) {
          ctx.note(`Scan '${node.name}' stays: its body reads outer values ${missing.join(', ')}`);
          continue;
        }
        for (const r of refs) {
          body.initializers.set(r, g.initializers.get(r)!);
          body.setDataType(r, g.getDataType(r));
        }
        // a constant initial state is annotated with the type the loop carries the state in, when its values fit
        const n = node.inputs.length - attrInt(node, 'num_scan_inputs');
        for (let k = 0; k < n; k++) {
          const init = g.initializers.get(node.inputs[k]);
          const carried = body.getDataType(body.inputs[k].name);
          if (init && carried?.isInteger && toNumbers(init).every((v) => carried.allowed(v))) g.setDataType(node.inputs[k], carried);
        }
        node.domain = HW_DOMAIN;
        node.opType = 'Recurrence';
        node.attributes.delete('scan_input_axes');
        node.attributes.delete('scan_output_axes');
        k++;
      }
    });
    if (k) {
      if (!model.opsetImports.has(HW_DOMAIN)) model.opsetImports.set(HW_DOMAIN, 1);
      ctx.note(`${k} Scan(s) → Recurrence`);
    }
    return { changed: k > 0 };
  },
});
