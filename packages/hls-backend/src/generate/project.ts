import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneModel, inferTypes, type Model, type Registry } from '@scanflow/ir';
import { builtinHwRegistry } from '../hw-layer';
import { IdentifierPool, sanitizeIdentifier } from '../codegen/identifiers';
import { HlsCodegenError } from '../codegen/errors';
import { emulationHeaders, emulationIncludeDir, kernelHeaders, kernelIncludeDir } from '../paths';
import { layerFile, projectPaths, topHeader, topSource } from './files';
import { partitionAccelerator } from './partition';
import type { HlsPort } from './ports';
import { type BoardOptions, generateCsimScript, generateTcl } from './scripts';
import { generateTestbench } from './testbench';
import { formatTestVectors, type PortTensors, type TestCase } from './test-vectors';
import { generateTopRegion } from './top';
import { type AcceleratorDescription, type AcceleratorInterface, describeAccelerator, describeInterface, modelNames } from './interface/index';

export interface HlsProjectOptions {
  /** Name of the top function (sanitised into a C++ identifier; default 'scanflow_top'). */
  readonly topName?: string;
  readonly board: BoardOptions;
  /**
   * Test vectors for the testbench: tensors per accelerator input / output port, in port order
   * (see {@link partitionAccelerator}) or by model value name. Integers in the ports' datatypes.
   * One case at the model's sequence length; `testCases` gives several (other sequence lengths).
   */
  readonly testVectors?: { readonly inputs: PortTensors; readonly outputs: PortTensors };
  /** Test cases, each with its run-time sequence length (ports of the sequence sized for it). */
  readonly testCases?: readonly TestCase[];
  /** Add a C/RTL co-simulation step (cosim_design) to run_hls.tcl. */
  readonly cosim?: boolean;
  /** Op schemas and hardware layers (plugins included); default: the core ops and the built-in layers. */
  readonly registry?: Registry;
}

export interface HlsProject {
  /** The C++ name of the top function. */
  readonly topName: string;
  /** Relative path → content; paths only from sanitised identifiers, in a fixed order. */
  readonly files: Map<string, string>;
  readonly ports: { readonly inputs: readonly HlsPort[]; readonly outputs: readonly HlsPort[] };
  /**
   * The run-time sequence length: the nominal (largest) value the accelerator is sized for, when it
   * has a sequence; `bounded` when no test case may be longer (reverse-direction buffers hold it).
   */
  readonly sequence?: { readonly nominal: number; readonly bounded: boolean };
  /** The board options and co-simulation choice run_hls.tcl was written for (withTestCases writes it again). */
  readonly board: BoardOptions;
  readonly cosim: boolean;
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

/** The test-vector files (when there are cases) and run_hls.tcl, which runs the testbench only when there are. */
function writeTestFiles(files: Map<string, string>, top: string, ports: HlsProject['ports'], sequence: HlsProject['sequence'], cases: readonly TestCase[], board: BoardOptions, cosim: boolean): void {
  files.delete(projectPaths.inputs);
  files.delete(projectPaths.expected);
  if (cases.length) {
    for (const c of cases) {
      if (sequence && c.seqLen === undefined) throw new HlsCodegenError('test case without a sequence length for an accelerator with a run-time sequence length');
      if (sequence?.bounded && c.seqLen! > sequence.nominal) throw new HlsCodegenError(`test case sequence length ${c.seqLen} exceeds ${sequence.nominal}, what the reverse-direction buffers hold`);
    }
    files.set(projectPaths.inputs, formatTestVectors(ports.inputs, cases, 'inputs'));
    files.set(projectPaths.expected, formatTestVectors(ports.outputs, cases, 'outputs'));
  }
  files.set(projectPaths.tcl, generateTcl(top, board, cases.length > 0, cosim));
}

/**
 * The same project with the testbench's test cases (replacing any it had): what
 * `generateHlsProject(model, { testCases })` gives, without generating the C++ again — for a caller
 * that needs the project's ports to compute the expected values (the simulated ports of the model).
 */
export function withTestCases(project: HlsProject, testCases: readonly TestCase[], options: { cosim?: boolean } = {}): HlsProject {
  const files = new Map(project.files);
  const cosim = options.cosim ?? project.cosim;
  writeTestFiles(files, project.topName, project.ports, project.sequence, testCases, project.board, cosim);
  // keep the generated order: files missing before (test vectors) go where generateHlsProject puts them
  const ordered = new Map<string, string>();
  for (const k of fileOrder(project.files, files)) ordered.set(k, files.get(k)!);
  return { ...project, files: ordered, cosim };
}

/** The paths of `next` in generateHlsProject's order: the test vectors just before run_hls.tcl. */
function fileOrder(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const k of previous.keys()) {
    if (k === projectPaths.inputs || k === projectPaths.expected) continue;
    if (k === projectPaths.tcl) for (const v of [projectPaths.inputs, projectPaths.expected]) if (next.has(v)) out.push(v);
    if (next.has(k)) out.push(k);
  }
  return out;
}

/**
 * Generates a self-contained Vitis HLS project for the accelerator part of a hardware-stage
 * model (docs/hardware-layers.md): one C++ function per layer, the top function with AXI-Stream
 * ports, a testbench, run_hls.tcl, run_csim.sh, the kernel headers (include/) and the g++
 * emulation headers (emu/). Pure apart from reading the package's own headers; deterministic.
 */
export function generateHlsProject(model: Model, options: HlsProjectOptions): HlsProject {
  const registry = options.registry ?? builtinHwRegistry();
  const typed = cloneModel(model);
  inferTypes(typed, registry);
  const partition = partitionAccelerator(typed, registry);
  const top = sanitizeIdentifier(options.topName ?? 'scanflow_top', 'top');
  const functions = new IdentifierPool([top]);
  const code = generateTopRegion(typed, partition, functions, top, registry);

  const files = new Map<string, string>();
  const withSeqLen = code.sequence !== undefined;
  files.set(projectPaths.topHeader(top), topHeader(top, code.ports, withSeqLen));
  files.set(projectPaths.topSource(top), topSource(top, code.ports, code.definitions, code.statements, withSeqLen));
  for (const d of code.definitions) files.set(projectPaths.layer(d.name), layerFile(d));
  files.set(projectPaths.testbench(top), generateTestbench(top, code.ports, withSeqLen));
  // forward recurrences take any length; a reverse direction's buffers hold the nominal one at most
  const reverse = code.definitions.some((d) => d.code.includes('reverse-direction buffers'));
  const sequence = code.sequence ? { nominal: code.sequence.steps, bounded: reverse } : undefined;
  const cases: TestCase[] = options.testCases ? [...options.testCases] : options.testVectors ? [{ ...options.testVectors, ...(code.sequence ? { seqLen: code.sequence.steps } : {}) }] : [];
  writeTestFiles(files, top, code.ports, sequence, cases, options.board, options.cosim ?? false);
  files.set(projectPaths.csimScript, generateCsimScript(top));
  for (const h of kernelHeaders) files.set(projectPaths.kernelHeader(h), libraryFile(join(kernelIncludeDir(), h)));
  for (const h of emulationHeaders) files.set(projectPaths.emulationHeader(h), libraryFile(join(emulationIncludeDir(), h)));
  // the manifest holds no model names (ports by their sanitised C++ names only)
  const portInfo = (p: HlsPort) => ({ ...p, value: undefined });
  const manifest = {
    format: 'scanflow-hls-project',
    version: 2,
    ...(code.sequence ? { seqLen: { register: 'seq_len', nominal: code.sequence.steps } } : {}),
    top,
    board: { part: options.board.part, clockNs: options.board.clockNs },
    ports: { inputs: code.ports.inputs.map(portInfo), outputs: code.ports.outputs.map(portInfo) },
  };
  files.set(projectPaths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const names = modelNames();
  const iface = describeInterface(typed, partition, code.ports, top, options.board, names, code.sequence ? { nominalSteps: code.sequence.steps, maxSteps: reverse ? code.sequence.steps : null } : undefined);
  files.set(projectPaths.interface, `${JSON.stringify(iface, null, 2)}\n`);

  return {
    topName: top,
    files,
    ports: code.ports,
    ...(sequence ? { sequence } : {}),
    board: options.board,
    cosim: options.cosim ?? false,
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
