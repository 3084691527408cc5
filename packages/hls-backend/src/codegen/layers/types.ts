import type { Graph, Model, Node } from '@scanflow/ir';

/** What a layer generator sees. (Owner: code generation; to be extended.) */
export interface CodegenContext {
  readonly node: Node;
  readonly graph: Graph;
  readonly model: Model;
}

/** Emits the C++ of one hardware layer. (Owner: code generation; shape to be settled.) */
export type LayerGenerator = (ctx: CodegenContext) => unknown;
