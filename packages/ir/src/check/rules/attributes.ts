import type { Node } from '../../graph/node';
import type { OpSchema } from '../../ops/op-schema';
import { quoteName } from '../../text/escape';

/**
 * A node's attributes against its schema, as the ONNX checker does: required attributes present,
 * every attribute of the declared kind, allowed values respected, and — for standard ONNX ops —
 * no attribute the op does not define. Returns the problems as messages.
 */
export function attributeProblems(node: Node, schema: OpSchema): string[] {
  const specs = schema.attributes ?? {};
  const out: string[] = [];
  for (const [name, a] of node.attributes) {
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      if (node.domain === '') {
        const known = Object.keys(specs);
        out.push(`unknown attribute ${quoteName(name)} for ${node.opType}${known.length ? ` (it takes ${known.join(', ')})` : ' (it takes no attributes)'}`);
      }
      continue;
    }
    if (a.type === 'ref') continue; // inside a function body, bound by the caller
    if (a.type !== spec.type) {
      out.push(`attribute ${quoteName(name)} is of kind ${a.type}, expected ${spec.type}`);
      continue;
    }
    if (spec.allowed && (a.type === 'string' || a.type === 'int')) {
      const v = a.type === 'int' ? Number(a.value) : a.value;
      if (!spec.allowed.includes(v)) out.push(`attribute ${quoteName(name)} is ${typeof v === 'string' ? quoteName(v) : v}; allowed: ${spec.allowed.join(', ')}`);
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !node.attributes.has(name)) out.push(`required attribute ${quoteName(name)} is missing`);
  }
  return out;
}
