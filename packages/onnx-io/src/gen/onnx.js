/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/light.js";

const $root = new $protobuf.Root()
.addJSON({
  "onnx": {
    "options": {
      "optimize_for": "LITE_RUNTIME"
    },
    "nested": {
      "Version": {
        "edition": "proto2",
        "values": {
          "_START_VERSION": 0,
          "IR_VERSION_2017_10_10": 1,
          "IR_VERSION_2017_10_30": 2,
          "IR_VERSION_2017_11_3": 3,
          "IR_VERSION_2019_1_22": 4,
          "IR_VERSION_2019_3_18": 5,
          "IR_VERSION_2019_9_19": 6,
          "IR_VERSION_2020_5_8": 7,
          "IR_VERSION_2021_7_30": 8,
          "IR_VERSION_2023_5_5": 9,
          "IR_VERSION_2024_3_25": 10,
          "IR_VERSION_2025_05_12": 11,
          "IR_VERSION_2025_08_26": 12,
          "IR_VERSION": 13
        }
      },
      "AttributeProto": {
        "edition": "proto2",
        "fields": {
          "name": {
            "type": "string",
            "id": 1
          },
          "refAttrName": {
            "type": "string",
            "id": 21,
            "protoName": "ref_attr_name"
          },
          "docString": {
            "type": "string",
            "id": 13,
            "protoName": "doc_string"
          },
          "type": {
            "type": "AttributeType",
            "id": 20
          },
          "f": {
            "type": "float",
            "id": 2
          },
          "i": {
            "type": "int64",
            "id": 3
          },
          "s": {
            "type": "bytes",
            "id": 4
          },
          "t": {
            "type": "TensorProto",
            "id": 5
          },
          "g": {
            "type": "GraphProto",
            "id": 6
          },
          "sparseTensor": {
            "type": "SparseTensorProto",
            "id": 22,
            "protoName": "sparse_tensor"
          },
          "tp": {
            "type": "TypeProto",
            "id": 14
          },
          "floats": {
            "rule": "repeated",
            "type": "float",
            "id": 7
          },
          "ints": {
            "rule": "repeated",
            "type": "int64",
            "id": 8
          },
          "strings": {
            "rule": "repeated",
            "type": "bytes",
            "id": 9
          },
          "tensors": {
            "rule": "repeated",
            "type": "TensorProto",
            "id": 10
          },
          "graphs": {
            "rule": "repeated",
            "type": "GraphProto",
            "id": 11
          },
          "sparseTensors": {
            "rule": "repeated",
            "type": "SparseTensorProto",
            "id": 23,
            "protoName": "sparse_tensors"
          },
          "typeProtos": {
            "rule": "repeated",
            "type": "TypeProto",
            "id": 15,
            "protoName": "type_protos"
          }
        },
        "reserved": [
          [
            12,
            12
          ],
          [
            16,
            19
          ],
          "v"
        ],
        "nested": {
          "AttributeType": {
            "values": {
              "UNDEFINED": 0,
              "FLOAT": 1,
              "INT": 2,
              "STRING": 3,
              "TENSOR": 4,
              "GRAPH": 5,
              "SPARSE_TENSOR": 11,
              "TYPE_PROTO": 13,
              "FLOATS": 6,
              "INTS": 7,
              "STRINGS": 8,
              "TENSORS": 9,
              "GRAPHS": 10,
              "SPARSE_TENSORS": 12,
              "TYPE_PROTOS": 14
            }
          }
        }
      },
      "ValueInfoProto": {
        "edition": "proto2",
        "fields": {
          "name": {
            "type": "string",
            "id": 1
          },
          "type": {
            "type": "TypeProto",
            "id": 2
          },
          "docString": {
            "type": "string",
            "id": 3,
            "protoName": "doc_string"
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 4,
            "protoName": "metadata_props"
          }
        }
      },
      "NodeProto": {
        "edition": "proto2",
        "fields": {
          "input": {
            "rule": "repeated",
            "type": "string",
            "id": 1
          },
          "output": {
            "rule": "repeated",
            "type": "string",
            "id": 2
          },
          "name": {
            "type": "string",
            "id": 3
          },
          "opType": {
            "type": "string",
            "id": 4,
            "protoName": "op_type"
          },
          "domain": {
            "type": "string",
            "id": 7
          },
          "overload": {
            "type": "string",
            "id": 8
          },
          "attribute": {
            "rule": "repeated",
            "type": "AttributeProto",
            "id": 5
          },
          "docString": {
            "type": "string",
            "id": 6,
            "protoName": "doc_string"
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 9,
            "protoName": "metadata_props"
          },
          "deviceConfigurations": {
            "rule": "repeated",
            "type": "NodeDeviceConfigurationProto",
            "id": 10,
            "protoName": "device_configurations"
          }
        }
      },
      "IntIntListEntryProto": {
        "edition": "proto2",
        "fields": {
          "key": {
            "type": "int64",
            "id": 1
          },
          "value": {
            "rule": "repeated",
            "type": "int64",
            "id": 2
          }
        }
      },
      "NodeDeviceConfigurationProto": {
        "edition": "proto2",
        "fields": {
          "configurationId": {
            "type": "string",
            "id": 1,
            "protoName": "configuration_id"
          },
          "shardingSpec": {
            "rule": "repeated",
            "type": "ShardingSpecProto",
            "id": 2,
            "protoName": "sharding_spec"
          },
          "pipelineStage": {
            "type": "int32",
            "id": 3,
            "protoName": "pipeline_stage"
          }
        }
      },
      "ShardingSpecProto": {
        "edition": "proto2",
        "fields": {
          "tensorName": {
            "type": "string",
            "id": 1,
            "protoName": "tensor_name"
          },
          "device": {
            "rule": "repeated",
            "type": "int64",
            "id": 2
          },
          "indexToDeviceGroupMap": {
            "rule": "repeated",
            "type": "IntIntListEntryProto",
            "id": 3,
            "protoName": "index_to_device_group_map"
          },
          "shardedDim": {
            "rule": "repeated",
            "type": "ShardedDimProto",
            "id": 4,
            "protoName": "sharded_dim"
          }
        }
      },
      "ShardedDimProto": {
        "edition": "proto2",
        "fields": {
          "axis": {
            "type": "int64",
            "id": 1
          },
          "simpleSharding": {
            "rule": "repeated",
            "type": "SimpleShardedDimProto",
            "id": 2,
            "protoName": "simple_sharding"
          }
        }
      },
      "SimpleShardedDimProto": {
        "edition": "proto2",
        "oneofs": {
          "dim": {
            "oneof": [
              "dimValue",
              "dimParam"
            ]
          }
        },
        "fields": {
          "dimValue": {
            "type": "int64",
            "id": 1,
            "protoName": "dim_value"
          },
          "dimParam": {
            "type": "string",
            "id": 2,
            "protoName": "dim_param"
          },
          "numShards": {
            "type": "int64",
            "id": 3,
            "protoName": "num_shards"
          }
        }
      },
      "TrainingInfoProto": {
        "edition": "proto2",
        "fields": {
          "initialization": {
            "type": "GraphProto",
            "id": 1
          },
          "algorithm": {
            "type": "GraphProto",
            "id": 2
          },
          "initializationBinding": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 3,
            "protoName": "initialization_binding"
          },
          "updateBinding": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 4,
            "protoName": "update_binding"
          }
        }
      },
      "ModelProto": {
        "edition": "proto2",
        "fields": {
          "irVersion": {
            "type": "int64",
            "id": 1,
            "protoName": "ir_version"
          },
          "opsetImport": {
            "rule": "repeated",
            "type": "OperatorSetIdProto",
            "id": 8,
            "protoName": "opset_import"
          },
          "producerName": {
            "type": "string",
            "id": 2,
            "protoName": "producer_name"
          },
          "producerVersion": {
            "type": "string",
            "id": 3,
            "protoName": "producer_version"
          },
          "domain": {
            "type": "string",
            "id": 4
          },
          "modelVersion": {
            "type": "int64",
            "id": 5,
            "protoName": "model_version"
          },
          "docString": {
            "type": "string",
            "id": 6,
            "protoName": "doc_string"
          },
          "graph": {
            "type": "GraphProto",
            "id": 7
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 14,
            "protoName": "metadata_props"
          },
          "trainingInfo": {
            "rule": "repeated",
            "type": "TrainingInfoProto",
            "id": 20,
            "protoName": "training_info"
          },
          "functions": {
            "rule": "repeated",
            "type": "FunctionProto",
            "id": 25
          },
          "configuration": {
            "rule": "repeated",
            "type": "DeviceConfigurationProto",
            "id": 26
          }
        }
      },
      "DeviceConfigurationProto": {
        "edition": "proto2",
        "fields": {
          "name": {
            "type": "string",
            "id": 1
          },
          "numDevices": {
            "type": "int32",
            "id": 2,
            "protoName": "num_devices"
          },
          "device": {
            "rule": "repeated",
            "type": "string",
            "id": 3
          }
        }
      },
      "StringStringEntryProto": {
        "edition": "proto2",
        "fields": {
          "key": {
            "type": "string",
            "id": 1
          },
          "value": {
            "type": "string",
            "id": 2
          }
        }
      },
      "TensorAnnotation": {
        "edition": "proto2",
        "fields": {
          "tensorName": {
            "type": "string",
            "id": 1,
            "protoName": "tensor_name"
          },
          "quantParameterTensorNames": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 2,
            "protoName": "quant_parameter_tensor_names"
          }
        }
      },
      "GraphProto": {
        "edition": "proto2",
        "fields": {
          "node": {
            "rule": "repeated",
            "type": "NodeProto",
            "id": 1
          },
          "name": {
            "type": "string",
            "id": 2
          },
          "initializer": {
            "rule": "repeated",
            "type": "TensorProto",
            "id": 5
          },
          "sparseInitializer": {
            "rule": "repeated",
            "type": "SparseTensorProto",
            "id": 15,
            "protoName": "sparse_initializer"
          },
          "docString": {
            "type": "string",
            "id": 10,
            "protoName": "doc_string"
          },
          "input": {
            "rule": "repeated",
            "type": "ValueInfoProto",
            "id": 11
          },
          "output": {
            "rule": "repeated",
            "type": "ValueInfoProto",
            "id": 12
          },
          "valueInfo": {
            "rule": "repeated",
            "type": "ValueInfoProto",
            "id": 13,
            "protoName": "value_info"
          },
          "quantizationAnnotation": {
            "rule": "repeated",
            "type": "TensorAnnotation",
            "id": 14,
            "protoName": "quantization_annotation"
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 16,
            "protoName": "metadata_props"
          }
        },
        "reserved": [
          [
            3,
            3
          ],
          [
            4,
            4
          ],
          [
            6,
            9
          ],
          "ir_version",
          "producer_version",
          "producer_tag",
          "domain"
        ]
      },
      "TensorProto": {
        "edition": "proto2",
        "fields": {
          "dims": {
            "rule": "repeated",
            "type": "int64",
            "id": 1
          },
          "dataType": {
            "type": "int32",
            "id": 2,
            "protoName": "data_type"
          },
          "segment": {
            "type": "Segment",
            "id": 3
          },
          "floatData": {
            "rule": "repeated",
            "type": "float",
            "id": 4,
            "protoName": "float_data",
            "options": {
              "packed": true
            }
          },
          "int32Data": {
            "rule": "repeated",
            "type": "int32",
            "id": 5,
            "protoName": "int32_data",
            "options": {
              "packed": true
            }
          },
          "stringData": {
            "rule": "repeated",
            "type": "bytes",
            "id": 6,
            "protoName": "string_data"
          },
          "int64Data": {
            "rule": "repeated",
            "type": "int64",
            "id": 7,
            "protoName": "int64_data",
            "options": {
              "packed": true
            }
          },
          "name": {
            "type": "string",
            "id": 8
          },
          "docString": {
            "type": "string",
            "id": 12,
            "protoName": "doc_string"
          },
          "rawData": {
            "type": "bytes",
            "id": 9,
            "protoName": "raw_data"
          },
          "externalData": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 13,
            "protoName": "external_data"
          },
          "dataLocation": {
            "type": "DataLocation",
            "id": 14,
            "protoName": "data_location"
          },
          "doubleData": {
            "rule": "repeated",
            "type": "double",
            "id": 10,
            "protoName": "double_data",
            "options": {
              "packed": true
            }
          },
          "uint64Data": {
            "rule": "repeated",
            "type": "uint64",
            "id": 11,
            "protoName": "uint64_data",
            "options": {
              "packed": true
            }
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 16,
            "protoName": "metadata_props"
          }
        },
        "nested": {
          "DataType": {
            "values": {
              "UNDEFINED": 0,
              "FLOAT": 1,
              "UINT8": 2,
              "INT8": 3,
              "UINT16": 4,
              "INT16": 5,
              "INT32": 6,
              "INT64": 7,
              "STRING": 8,
              "BOOL": 9,
              "FLOAT16": 10,
              "DOUBLE": 11,
              "UINT32": 12,
              "UINT64": 13,
              "COMPLEX64": 14,
              "COMPLEX128": 15,
              "BFLOAT16": 16,
              "FLOAT8E4M3FN": 17,
              "FLOAT8E4M3FNUZ": 18,
              "FLOAT8E5M2": 19,
              "FLOAT8E5M2FNUZ": 20,
              "UINT4": 21,
              "INT4": 22,
              "FLOAT4E2M1": 23,
              "FLOAT8E8M0": 24,
              "UINT2": 25,
              "INT2": 26
            }
          },
          "Segment": {
            "fields": {
              "begin": {
                "type": "int64",
                "id": 1
              },
              "end": {
                "type": "int64",
                "id": 2
              }
            }
          },
          "DataLocation": {
            "values": {
              "DEFAULT": 0,
              "EXTERNAL": 1
            }
          }
        }
      },
      "SparseTensorProto": {
        "edition": "proto2",
        "fields": {
          "values": {
            "type": "TensorProto",
            "id": 1
          },
          "indices": {
            "type": "TensorProto",
            "id": 2
          },
          "dims": {
            "rule": "repeated",
            "type": "int64",
            "id": 3
          }
        }
      },
      "TensorShapeProto": {
        "edition": "proto2",
        "fields": {
          "dim": {
            "rule": "repeated",
            "type": "Dimension",
            "id": 1
          }
        },
        "nested": {
          "Dimension": {
            "oneofs": {
              "value": {
                "oneof": [
                  "dimValue",
                  "dimParam"
                ]
              }
            },
            "fields": {
              "dimValue": {
                "type": "int64",
                "id": 1,
                "protoName": "dim_value"
              },
              "dimParam": {
                "type": "string",
                "id": 2,
                "protoName": "dim_param"
              },
              "denotation": {
                "type": "string",
                "id": 3
              }
            }
          }
        }
      },
      "TypeProto": {
        "edition": "proto2",
        "oneofs": {
          "value": {
            "oneof": [
              "tensorType",
              "sequenceType",
              "mapType",
              "optionalType",
              "sparseTensorType"
            ]
          }
        },
        "fields": {
          "tensorType": {
            "type": "Tensor",
            "id": 1,
            "protoName": "tensor_type"
          },
          "sequenceType": {
            "type": "Sequence",
            "id": 4,
            "protoName": "sequence_type"
          },
          "mapType": {
            "type": "Map",
            "id": 5,
            "protoName": "map_type"
          },
          "optionalType": {
            "type": "Optional",
            "id": 9,
            "protoName": "optional_type"
          },
          "sparseTensorType": {
            "type": "SparseTensor",
            "id": 8,
            "protoName": "sparse_tensor_type"
          },
          "denotation": {
            "type": "string",
            "id": 6
          }
        },
        "nested": {
          "Tensor": {
            "fields": {
              "elemType": {
                "type": "int32",
                "id": 1,
                "protoName": "elem_type"
              },
              "shape": {
                "type": "TensorShapeProto",
                "id": 2
              }
            }
          },
          "Sequence": {
            "fields": {
              "elemType": {
                "type": "TypeProto",
                "id": 1,
                "protoName": "elem_type"
              }
            }
          },
          "Map": {
            "fields": {
              "keyType": {
                "type": "int32",
                "id": 1,
                "protoName": "key_type"
              },
              "valueType": {
                "type": "TypeProto",
                "id": 2,
                "protoName": "value_type"
              }
            }
          },
          "Optional": {
            "fields": {
              "elemType": {
                "type": "TypeProto",
                "id": 1,
                "protoName": "elem_type"
              }
            }
          },
          "SparseTensor": {
            "fields": {
              "elemType": {
                "type": "int32",
                "id": 1,
                "protoName": "elem_type"
              },
              "shape": {
                "type": "TensorShapeProto",
                "id": 2
              }
            }
          }
        }
      },
      "OperatorSetIdProto": {
        "edition": "proto2",
        "fields": {
          "domain": {
            "type": "string",
            "id": 1
          },
          "version": {
            "type": "int64",
            "id": 2
          }
        }
      },
      "OperatorStatus": {
        "edition": "proto2",
        "values": {
          "EXPERIMENTAL": 0,
          "STABLE": 1
        }
      },
      "FunctionProto": {
        "edition": "proto2",
        "fields": {
          "name": {
            "type": "string",
            "id": 1
          },
          "input": {
            "rule": "repeated",
            "type": "string",
            "id": 4
          },
          "output": {
            "rule": "repeated",
            "type": "string",
            "id": 5
          },
          "attribute": {
            "rule": "repeated",
            "type": "string",
            "id": 6
          },
          "attributeProto": {
            "rule": "repeated",
            "type": "AttributeProto",
            "id": 11,
            "protoName": "attribute_proto"
          },
          "node": {
            "rule": "repeated",
            "type": "NodeProto",
            "id": 7
          },
          "docString": {
            "type": "string",
            "id": 8,
            "protoName": "doc_string"
          },
          "opsetImport": {
            "rule": "repeated",
            "type": "OperatorSetIdProto",
            "id": 9,
            "protoName": "opset_import"
          },
          "domain": {
            "type": "string",
            "id": 10
          },
          "overload": {
            "type": "string",
            "id": 13
          },
          "valueInfo": {
            "rule": "repeated",
            "type": "ValueInfoProto",
            "id": 12,
            "protoName": "value_info"
          },
          "metadataProps": {
            "rule": "repeated",
            "type": "StringStringEntryProto",
            "id": 14,
            "protoName": "metadata_props"
          }
        },
        "reserved": [
          [
            2,
            2
          ],
          "since_version",
          [
            3,
            3
          ],
          "status"
        ]
      }
    }
  }
});
export const onnx = $root.get("onnx");

export {
  /**
   * Reflected root namespace.
   * @type {$protobuf.Root}
   */
  $root as default
};
