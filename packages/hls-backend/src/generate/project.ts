import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneModel, coreOps, createRegistry, inferTypes, type Model } from '@scanflow/ir';
import { IdentifierPool, sanitizeIdentifier } from '../codegen/identifiers';
import { emulationHeaders, emulationIncludeDir, kernelHeaders, kernelIncludeDir } from '../paths';
import { layerFile, projectPaths, topHeader, topSource } from './files';
import { partitionAccelerator } from './partition';
import type { HlsPort } from './ports';
import { type BoardOptions, generateCsimScript, generateTcl } from './scripts';
import { generateTestbench } from './testbench';
import { formatTestVectors, type PortTensors } from './test-vectors';
import { generateTopRegion } from './top';
import { type AcceleratorDescription, type AcceleratorInterface, describeAccelerator, describeInterface, modelNames } from './interface/index';

export interface HlsProjectOptions {
  /** Name of the top function (sanitised into a C++ identifier; default 'scanflow_top'). */
  readonly topName?: string;
  readonly board: BoardOptions;
  /**
   * Test vectors for the testbench: tensors per accelerator input / output port, in port order
   * (see {@link partitionAccelerator}) or by model value name. Integers in the ports' datatypes.
   */
  readonly testVectors?: { readonly inputs: PortTensors; readonly outputs: PortTensors };
}

export interface HlsProject {
  /** The C++ name of the top function. */
  readonly topName: string;
  /** Relative path → content; paths only from sanitised identifiers, in a fixed order. */
  readonly files: Map<string, string>;
  readonly ports: { readonly inputs: readonly HlsPort[]; readonly outputs: readonly HlsPort[] };
  /** Which part of the model became the accelerator (model names). */
  readonly accelerator: {
    readonly nodes: readonly string[];
    readonly inputs: readonly string[];
    readonly outputs: readonly string[];
    readonly constants: readonly string[];
  };
  /** interface.json: the ports as the host sees them (stream layout v2, host quantisers, de-quantisation). */
  readonly interface: AcceleratorInterface;
  /** The accelerator's integer computation, for the driver's NumPy reference path (accelerator.json). */
  readonly description: AcceleratorDescription;
}

const headerCache = new Map<string, string>();
function libraryFile(path: string): string {
  let text = headerCache.get(path);
  if (text === undefined) headerCache.set(path, (text = readFileSync(path, 'utf8')));
  return text;
}

/**
 * Generates a self-contained Vitis HLS project for the accelerator part of a hardware-stage
 * model (docs/hardware-layers.md): one C++ function per layer, the top function with AXI-Stream
 * ports, a testbench, run_hls.tcl, run_csim.sh, the kernel headers (include/) and the g++
 * emulation headers (emu/). Pure apart from reading the package's own headers; deterministic.
 */
export function generateHlsProject(model: Model, options: HlsProjectOptions): HlsProject {
  const typed = cloneModel(model);
  inferTypes(typed, createRegistry([coreOps()]));
  const partition = partitionAccelerator(typed);
  const top = sanitizeIdentifier(options.topName ?? 'scanflow_top', 'top');
  const functions = new IdentifierPool([top]);
  const code = generateTopRegion(typed, partition, functions, top);

  const files = new Map<string, string>();
  files.set(projectPaths.topHeader(top), topHeader(top, code.ports));
  files.set(projectPaths.topSource(top), topSource(top, code.ports, code.definitions, code.statements));
  for (const d of code.definitions) files.set(projectPaths.layer(d.name), layerFile(d));
  files.set(projectPaths.testbench(top), generateTestbench(top, code.ports));
  if (options.testVectors) {
    files.set(projectPaths.inputs, formatTestVectors(code.ports.inputs, options.testVectors.inputs));
    files.set(projectPaths.expected, formatTestVectors(code.ports.outputs, options.testVectors.outputs));
  }
  files.set(projectPaths.tcl, generateTcl(top, options.board, options.testVectors !== undefined));
  files.set(projectPaths.csimScript, generateCsimScript(top));
  for (const h of kernelHeaders) files.set(projectPaths.kernelHeader(h), libraryFile(join(kernelIncludeDir(), h)));
  for (const h of emulationHeaders) files.set(projectPaths.emulationHeader(h), libraryFile(join(emulationIncludeDir(), h)));
  // the manifest holds no model names (ports by their sanitised C++ names only)
  const portInfo = (p: HlsPort) => ({ ...p, value: undefined });
  const manifest = {
    format: 'scanflow-hls-project',
    version: 1,
    top,
    board: { part: options.board.part, clockNs: options.board.clockNs },
    ports: { inputs: code.ports.inputs.map(portInfo), outputs: code.ports.outputs.map(portInfo) },
  };
  files.set(projectPaths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const names = modelNames();
  const iface = describeInterface(typed, partition, code.ports, top, options.board, names);
  files.set(projectPaths.interface, `${JSON.stringify(iface, null, 2)}\n`);

  return {
    topName: top,
    files,
    ports: code.ports,
    accelerator: {
      nodes: partition.nodes.map((n) => n.name),
      inputs: partition.inputs,
      outputs: partition.outputs,
      constants: partition.constants,
    },
    interface: iface,
    description: describeAccelerator(typed.graph, partition, code.ports, top, names),
  };
}
