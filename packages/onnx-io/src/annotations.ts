import { isScanflowError, parseDataType, type TensorAnnotation } from '@scanflow/ir';
import { describeError, OnnxFormatError } from './errors';
import type { TensorAnnotationProto } from './proto';

/** QONNX's key for a tensor's datatype in GraphProto.quantization_annotation. */
export const FINN_DATATYPE_KEY = 'finn_datatype';
/** QONNX's key for a tensor's data layout. */
export const TENSOR_LAYOUT_KEY = 'tensor_layout';

/**
 * GraphProto.quantization_annotation → IR annotations: `finn_datatype` becomes a DataType,
 * `tensor_layout` the layout string, any other key/value pair is kept in `extra` in order.
 * Entries for the same tensor are merged.
 */
export function decodeAnnotations(list: readonly TensorAnnotationProto[] | null | undefined, where: string): Map<string, TensorAnnotation> {
  const out = new Map<string, TensorAnnotation>();
  for (const a of list ?? []) {
    const tensor = a.tensorName ?? '';
    const ann: TensorAnnotation = out.get(tensor) ?? {};
    for (const e of a.quantParameterTensorNames ?? []) {
      const key = e.key ?? '';
      const value = e.value ?? '';
      if (key === FINN_DATATYPE_KEY) {
        try {
          ann.datatype = parseDataType(value);
        } catch (err) {
          const why = isScanflowError(err) ? err.message : describeError(err);
          throw new OnnxFormatError(`${where}: quantization annotation of tensor '${tensor}': bad finn_datatype '${value}' (${why})`, { cause: err });
        }
      } else if (key === TENSOR_LAYOUT_KEY) {
        ann.layout = value;
      } else {
        (ann.extra ??= []).push([key, value]);
      }
    }
    out.set(tensor, ann);
  }
  return out;
}

/** IR annotations → quantization_annotation entries: finn_datatype, then tensor_layout, then the other pairs. */
export function encodeAnnotations(annotations: ReadonlyMap<string, TensorAnnotation>): TensorAnnotationProto[] {
  return [...annotations].map(([tensorName, a]) => {
    const pairs: { key: string; value: string }[] = [];
    if (a.datatype) pairs.push({ key: FINN_DATATYPE_KEY, value: a.datatype.name });
    if (a.layout !== undefined) pairs.push({ key: TENSOR_LAYOUT_KEY, value: a.layout });
    for (const [key, value] of a.extra ?? []) pairs.push({ key, value });
    return { tensorName, quantParameterTensorNames: pairs };
  });
}
