import { isScanflowError } from '../../errors';
import type { Model } from '../../graph/model';
import type { Node } from '../../graph/node';
import type { OpSchema } from '../../ops/op-schema';
import type { Registry } from '../../plugin/registry';
import { quoteName } from '../../text/escape';
import { nodeLabel } from '../node-label';
import type { GraphCheck } from '../scope';
import { attributeProblems } from './attributes';

interface Found {
  schema?: OpSchema;
  opset: number;
  /** A call of a model-local function (FunctionProto) rather than a registered op. */
  isFunction: boolean;
}

/** Looks up op schemas once per (domain, op type): the opset is fixed per domain in a model. */
export class SchemaLookup {
  private readonly cache = new Map<string, Map<string, Found>>();
  private readonly functions: Set<string>;

  constructor(
    readonly model: Model,
    readonly registry: Registry,
  ) {
    this.functions = new Set(model.functions.map((f) => `${f.domain}::${f.name}`));
  }

  /** The schema in force for `node` (undefined when unknown) and the node's opset. */
  find(node: Node): Found {
    let byOp = this.cache.get(node.domain);
    if (!byOp) this.cache.set(node.domain, (byOp = new Map()));
    let found = byOp.get(node.opType);
    if (!found) {
      const opset = this.model.opsetVersion(node.domain);
      const schema = this.registry.find('ops', node.domain, node.opType, opset);
      found = schema ? { schema, opset, isFunction: false } : { opset, isFunction: this.functions.has(`${node.domain}::${node.opType}`) };
      byOp.set(node.opType, found);
    }
    return found;
  }
}

function countProblem(what: 'inputs' | 'outputs', given: number, range: [number, number] | undefined): string | undefined {
  if (!range) return undefined;
  const [min, max] = range;
  if (given >= min && given <= max) return undefined;
  const want = min === max ? `${min}` : max >= Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
  return `has ${given} ${what}, expected ${want}`;
}

/**
 * Every op is known for the opsets the model declares (a registered schema, or a model-local
 * function), the standard domain is imported when used, input and output counts are within the
 * schema's range, attributes follow the schema, and the schema's own `check` hook passes (e.g.
 * Scan's body and attribute consistency).
 */
export function checkKnownOps(check: GraphCheck, lookup: SchemaLookup): void {
  const { graph, where } = check;
  const model = lookup.model;
  const onnxImported = [...model.opsetImports.keys()].some((d) => d === '' || d === 'ai.onnx');
  graph.nodes.forEach((node, k) => {
    const at = `${where}: ${nodeLabel(node, k)}`;
    if (node.domain === '' && !onnxImported) {
      check.report('known-op', `${at}: the model uses the standard ONNX domain but does not import it (opset_import has no entry for 'ai.onnx')`);
      return;
    }
    const { schema, opset, isFunction } = lookup.find(node);
    if (isFunction) return;
    if (!schema) {
      const domain = node.domain ? `domain ${quoteName(node.domain)}` : 'the ONNX domain';
      check.report('known-op', `${at}: unknown op ${quoteName(node.opType)} in ${domain} at opset ${opset}; no registered op schema or model function has that name`);
      return;
    }
    const ins = countProblem('inputs', node.inputs.length, schema.inputs);
    if (ins) check.report('op-arity', `${at}: ${ins}`);
    const outs = countProblem('outputs', node.outputs.length, schema.outputs);
    if (outs) check.report('op-arity', `${at}: ${outs}`);
    for (const p of attributeProblems(node, schema)) check.report('op-attributes', `${at}: ${p}`);
    if (schema.check && !ins && !outs) {
      try {
        schema.check({
          node,
          opset,
          fail: (message) => {
            throw new HookFailure(message);
          },
        });
      } catch (e) {
        if (!(e instanceof HookFailure) && !isScanflowError(e)) throw e;
        check.report('op-semantics', `${at}: ${(e as Error).message}`);
      }
    }
  });
}

/** Thrown by a schema's `check` hook through `ctx.fail`; caught per node by the checker. */
class HookFailure extends Error {}
