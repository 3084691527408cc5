import { elemTypeCode, type Tensor, type TensorData } from '@scanflow/ir';
import type { ExternalDataSink } from './context';
import { entryProtos, type TensorProto } from './proto';
import { dataToRaw } from './tensor-bytes';

const EXTERNAL = 1;
const utf8 = new TextEncoder();

/**
 * An IR Tensor → TensorProto the way ONNX's own numpy helper writes one: dims, data_type, name and
 * little-endian raw_data (sub-byte types packed), or string_data for strings. With a `sink`, the
 * sink may move the raw bytes to an external file (data_location = EXTERNAL).
 */
export function encodeTensorProto(tensor: Tensor, name?: string, sink?: ExternalDataSink): TensorProto {
  const p: TensorProto = { dims: [...tensor.dims], dataType: elemTypeCode(tensor.elemType) };
  if (name) p.name = name;
  if (tensor.elemType === 'string') {
    p.stringData = (tensor.data as string[]).map((s) => utf8.encode(s));
    return p;
  }
  const raw = dataToRaw(tensor.elemType, tensor.data as Exclude<TensorData, string[]>, tensor.size);
  const external = sink && name ? sink.place(name, raw) : undefined;
  if (external) {
    p.externalData = entryProtos(external);
    p.dataLocation = EXTERNAL;
  } else {
    p.rawData = raw;
  }
  return p;
}
