import { type Attributes, type AttributeInput, toAttributes } from './attribute';

/** The default ONNX domain. `''` and `'ai.onnx'` are the same domain; the IR stores `''`. */
export const ONNX_DOMAIN = '';
/** QONNX's custom op domain (Quant, BipolarQuant, Trunc, MultiThreshold ...). */
export const QONNX_DOMAIN = 'qonnx.custom_op.general';
/** Abstract hardware layers. */
export const FPGADATAFLOW_DOMAIN = 'finn.custom_op.fpgadataflow';

const DOMAIN_ALIASES: Record<string, string> = {
  'ai.onnx': ONNX_DOMAIN,
  'onnx.brevitas': QONNX_DOMAIN,
  'finn.custom_op.general': QONNX_DOMAIN,
  finn: QONNX_DOMAIN,
};

/** Canonical domain name: ai.onnx → '', and the QONNX aliases (onnx.brevitas, finn, finn.custom_op.general) → qonnx.custom_op.general. */
export function normalizeDomain(domain: string | undefined | null): string {
  const d = domain ?? '';
  return DOMAIN_ALIASES[d] ?? d;
}

export interface NodeInit {
  opType: string;
  domain?: string;
  name?: string;
  inputs?: string[];
  outputs?: string[];
  attributes?: Attributes | Record<string, AttributeInput | undefined>;
  docString?: string;
  overload?: string;
  metadataProps?: [string, string][];
}

/**
 * One operator application. Inputs and outputs are value names; `''` marks an omitted optional
 * input or output, as in ONNX.
 */
export class Node {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Attributes;
  docString?: string;
  overload?: string;
  metadataProps?: [string, string][];

  constructor(init: NodeInit) {
    this.opType = init.opType;
    this.domain = init.domain ?? ONNX_DOMAIN;
    this.name = init.name ?? '';
    this.inputs = [...(init.inputs ?? [])];
    this.outputs = [...(init.outputs ?? [])];
    this.attributes = init.attributes instanceof Map ? new Map(init.attributes) : toAttributes(init.attributes);
    if (init.docString !== undefined) this.docString = init.docString;
    if (init.overload !== undefined) this.overload = init.overload;
    if (init.metadataProps !== undefined) this.metadataProps = init.metadataProps.map(([k, v]) => [k, v]);
  }

  /** `Domain::OpType` (or just OpType in the default domain), for messages. */
  get qualifiedType(): string {
    return this.domain ? `${this.domain}::${this.opType}` : this.opType;
  }

  /** A label for messages: the node's name, or its op type and first output. */
  get label(): string {
    return this.name ? `'${this.name}' (${this.opType})` : `${this.opType} → ${this.outputs[0] ?? '?'}`;
  }
}
