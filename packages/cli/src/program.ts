import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './cli-error';
import { applyCommandRules } from './command-rules';
import { inspectCommand } from './commands/inspect';
import { runCommand } from './commands/run';
import { verifyCommand, type VerifyOptions } from './commands/verify';
import { cellQuantOption } from './flow/cell-quant-option';
import { collectPipeline, pipelineOption } from './flow/pipeline-option';
import { type EstimateOptions, estimateCommand } from './commands/estimate';
import { type CompileOptions, compileCommand } from './commands/compile';
import { type CliIO, processIO, safeIO } from './io';
import { reportError } from './report-error';

/** The version of @scanflow/cli, read from its package.json (one level above src/ and dist/ alike). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function buildProgram(io: CliIO, result: { code: number }, raw: CliIO = io): Command {
  const program = new Command('scanflow')
    .description('Compile quantised recurrent networks (ONNX Scan / LSTM / GRU, QONNX) to FPGA dataflow accelerators')
    .version(VERSION)
    .option('--debug', 'print the stack trace of an error (anywhere on the command line)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => raw.out(s.trimEnd()), writeErr: (s) => raw.err(s.trimEnd()) })
    .showHelpAfterError(false);

  program
    .command('run')
    .description('simulate MODEL on TensorProto inputs (input_0.pb ...) and write output_0.pb ...')
    .argument('<model>', 'ONNX model file')
    .addOption(new Option('--inputs <dir>', 'folder with input_0.pb, input_1.pb ... in graph-input order').makeOptionMandatory())
    .addOption(new Option('--outputs <dir>', 'folder to write output_0.pb ... into (created if missing)').makeOptionMandatory())
    .option('--force', 'replace a non-empty --outputs folder as a whole', false)
    .action((model: string, opts: { inputs: string; outputs: string; force: boolean }) => runCommand(model, opts, io));

  program
    .command('inspect')
    .description('print a summary of MODEL: inputs, outputs, op counts, Scan bodies, QONNX datatypes')
    .argument('<model>', 'ONNX model file')
    .option('--json', 'print the summary as JSON', false)
    .action((model: string, opts: { json: boolean }) => inspectCommand(model, opts, io));

  program
    .command('verify')
    .description('run the flow, simulate every stage on the same inputs, report agreement and the first divergence')
    .argument('<model>', 'ONNX model file')
    .option('--inputs <dir>', 'folder with input_0.pb ... (default: seeded random inputs)')
    .option('--seed <n>', 'seed for random inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random inputs, e.g. --dim T=100', [])
    .option('--seq-len <n>', 'size of the open sequence length (every symbolic dimension --dim does not set) for random inputs', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (see docs/importing-models.md)")
    .option('--allow-host-ops', 'accept a hardware stage that leaves a recurrence or a matrix product on the host', false)
    .option('--rtol <x>', 'relative tolerance between stages', (v) => parseFloatStrict(v, '--rtol'), 1e-5)
    .option('--atol <x>', 'absolute tolerance between stages', (v) => parseFloatStrict(v, '--atol'), 1e-6)
    .option('--json', 'print the report as JSON', false)
    .option('--no-csim', 'do not generate the HLS project and run its g++ C-simulation')
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline, [])
    .action((model: string, opts: VerifyOptions & { pipeline: string[] }) => {
      result.code = verifyCommand(model, { ...opts, ...cellQuantOption(opts.cellQuant), ...pipelineOption(opts.pipeline) }, io);
    });

  program
    .command('estimate')
    .description('cycles, latency and resources per hardware layer (ESTIMATES), no code written')
    .argument('<model>', 'ONNX model file')
    .option('--board <name>', 'target board', 'zcu104')
    .option('--folding <file>', 'folding JSON: { "<layer name>": { "pe": n, "simd": n } }')
    .option('--explore', 'choose the folding by design-space exploration within the budget', false)
    .option('--budget <fraction>', 'fraction of the board resources the exploration may use', (v) => parseFloatStrict(v, '--budget'))
    .option('--target-cycles <n>', 'with --explore: the least-resource design meeting this latency', (v) => parseIntStrict(v, '--target-cycles'))
    .option('--seq-len <n>', 'sequence length the figures assume when the model leaves it open (default 100)', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (scales calibrated on --inputs or seeded random inputs)")
    .option('--inputs <dir>', 'calibration inputs input_0.pb ... for --cell-quant (default: seeded random inputs)')
    .option('--seed <n>', 'seed for random calibration inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random calibration inputs', [])
    .option('--allow-host-ops', 'accept a partial accelerator that leaves a recurrence or a matrix product on the host', false)
    .option('--allow-overbudget', 'accept a design that needs more of some resource than the board has', false)
    .option('--json', 'print the estimate as JSON', false)
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline, [])
    .action((model: string, opts: EstimateOptions & { pipeline: string[] }) => {
      result.code = estimateCommand(model, { ...opts, ...cellQuantOption(opts.cellQuant), ...pipelineOption(opts.pipeline) }, io);
    });

  program
    .command('compile')
    .description('the whole flow: every stage as ONNX, the Vitis HLS project, reports, and a g++ C-simulation checked against the simulator')
    .argument('<model>', 'ONNX model file')
    .option('--board <name>', 'target board', 'zcu104')
    .addOption(new Option('--out <dir>', 'output folder (must be empty unless --force)').makeOptionMandatory())
    .option('--folding <file>', 'folding JSON: { "<layer name>": { "pe": n, "simd": n } }')
    .option('--explore', 'choose the folding by design-space exploration within the budget', false)
    .option('--budget <fraction>', 'fraction of the board resources the exploration may use', (v) => parseFloatStrict(v, '--budget'))
    .option('--target-cycles <n>', 'with --explore: the least-resource design meeting this latency', (v) => parseIntStrict(v, '--target-cycles'))
    .option('--inputs <dir>', 'test inputs input_0.pb ... for the testbench (default: seeded random inputs)')
    .option('--seed <n>', 'seed for random inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random inputs', [])
    .option('--seq-len <n>', 'sequence length the figures and test vectors assume when the model leaves it open (default 100)', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (scales calibrated on the test inputs)")
    .option('--allow-host-ops', 'accept a partial accelerator that leaves a recurrence or a matrix product on the host (listed first in the reports)', false)
    .option('--allow-overbudget', 'accept a design that needs more of some resource than the board has', false)
    .option('--force', 'replace a non-empty --out folder as a whole', false)
    .option('--no-csim', 'do not run the g++ C-simulation')
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline, [])
    .action(async (model: string, opts: CompileOptions & { pipeline: string[] }) => {
      result.code = await compileCommand(model, { ...opts, ...cellQuantOption(opts.cellQuant), ...pipelineOption(opts.pipeline) }, io);
    });

  applyCommandRules(program);
  return program;
}

function parseIntStrict(v: string, flag: string): number {
  if (!/^-?\d+$/.test(v)) throw new UsageError(`${flag} takes an integer, got '${v}'`);
  return Number(v);
}

function parsePositive(v: string, flag: string): number {
  const n = parseIntStrict(v, flag);
  if (n < 1) throw new UsageError(`${flag} takes a positive integer, got '${v}'`);
  return n;
}

function parseFloatStrict(v: string, flag: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} takes a number, got '${v}'`);
  return n;
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code: 0
 * success, 1 a model / input / environment problem, 2 a command-line problem, 70 a bug in
 * scanflow. Errors are printed as one line (`--debug` adds the stack trace); everything printed
 * has its control characters escaped (see safeIO).
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const safe = safeIO(io);
  // --debug is accepted anywhere before a `--`.
  const end = argv.indexOf('--');
  const debug = argv.some((a, k) => a === '--debug' && (end < 0 || k < end));
  const args = argv.filter((a, k) => a !== '--debug' || (end >= 0 && k > end));
  const result = { code: 0 };
  const program = buildProgram(safe, result, safe.raw);
  try {
    if (args[0] === 'help' && args[1] !== undefined && !program.commands.some((c) => c.name() === args[1] || c.aliases().includes(args[1]))) {
      throw new UsageError(`unknown command '${args[1]}' (commands: ${program.commands.map((c) => c.name()).join(', ')})`);
    }
    await program.parseAsync(args, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, --version: 0; anything else commander refused (it printed why), including no command at all: 2
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, safe, debug, safe.raw);
  }
}
