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
import { type Progress, progressFor, quietProgress } from './progress';
import { type LoadedConfig, loadConfig } from './compose/config-file';
import { loadPluginModule } from './compose/load-plugins';
import { fullRegistry } from './verify/full-registry';
import type { Plugin, Registry } from '@scanflow/ir';

/** The version of @scanflow/cli, read from its package.json (one level above src/ and dist/ alike). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What main composes before the commands run: the registry and the config file's defaults. */
interface Composition {
  registry: Registry;
  config: LoadedConfig;
  progress: Progress;
}

function buildProgram(io: CliIO, result: { code: number }, raw: CliIO, comp: Composition): Command {
  const ctx = { registry: comp.registry, progress: comp.progress, ...(comp.config.pipelines ? { pipelines: comp.config.pipelines } : {}) };
  const board = comp.config.board ?? 'zcu104';
  // the config's folding applies when the command line chooses none
  // --pipeline STAGE=TEXT replaces the config file's pipeline for that stage
  const pipelines = (values: readonly string[] | undefined): { pipelines?: Record<string, string> } => {
    const given = pipelineOption(values).pipelines;
    return given || comp.config.pipelines ? { pipelines: { ...comp.config.pipelines, ...given } } : {};
  };
  const folding = <T extends { folding?: string; explore?: boolean }>(o: T): T => (o.folding === undefined && !o.explore && comp.config.folding !== undefined ? { ...o, folding: comp.config.folding } : o);
  const program = new Command('scanflow')
    .description('Compile quantised recurrent networks (ONNX Scan / LSTM / GRU, QONNX) to FPGA dataflow accelerators')
    .version(VERSION)
    .option('--debug', 'print the stack trace of an error (anywhere on the command line)')
    .option('--plugin <module>', 'load a plugin module (a path or a package; repeatable, anywhere on the command line)')
    .option('--config <file>', 'read this config file instead of ./scanflow.config.{js,mjs,json}')
    .option('--no-config', 'read no config file')
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
    .action((model: string, opts: { inputs: string; outputs: string; force: boolean }) => runCommand(model, { ...opts, ...ctx }, io));

  program
    .command('inspect')
    .description('print a summary of MODEL: inputs, outputs, op counts, Scan bodies, QONNX datatypes')
    .argument('<model>', 'ONNX model file')
    .option('--json', 'print the summary as JSON', false)
    .action((model: string, opts: { json: boolean }) => inspectCommand(model, { ...opts, ...ctx }, io));

  program
    .command('verify')
    .description('run the flow, simulate every stage on the same inputs, report agreement and the first divergence')
    .argument('<model>', 'ONNX model file')
    .option('--inputs <dir>', 'folder with input_0.pb ... (default: seeded random inputs)')
    .option('--board <name>', 'target board of the C-simulation project', board)
    .option('--seed <n>', 'seed for random inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random inputs, e.g. --dim T=100')
    .option('--seq-len <n>', 'size of the open sequence length (every symbolic dimension --dim does not set) for random inputs', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (see docs/importing-models.md)")
    .option('--allow-host-ops', 'accept a hardware stage that leaves a recurrence or a matrix product on the host', false)
    .option('--rtol <x>', 'relative tolerance between stages', (v) => parseFloatStrict(v, '--rtol'), 1e-5)
    .option('--atol <x>', 'absolute tolerance between stages', (v) => parseFloatStrict(v, '--atol'), 1e-6)
    .option('--json', 'print the report as JSON', false)
    .option('--no-csim', 'do not generate the HLS project and run its g++ C-simulation')
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline)
    .action((model: string, opts: VerifyOptions & { pipeline?: string[] }) => {
      result.code = verifyCommand(model, { ...opts, ...ctx, ...cellQuantOption(opts.cellQuant), ...pipelines(opts.pipeline) }, io);
    });

  program
    .command('estimate')
    .description('cycles, latency and resources per hardware layer (ESTIMATES), no code written')
    .argument('<model>', 'ONNX model file')
    .option('--board <name>', 'target board', board)
    .option('--folding <file>', 'folding JSON: { "<layer name>": { "pe": n, "simd": n } }')
    .option('--explore', 'choose the folding by design-space exploration within the budget', false)
    .option('--budget <fraction>', 'fraction of the board resources the exploration may use (default: 1, the whole board)', (v) => parseFloatStrict(v, '--budget'))
    .option('--target-cycles <n>', 'with --explore: the least-resource design meeting this latency', (v) => parseIntStrict(v, '--target-cycles'))
    .option('--seq-len <n>', 'sequence length the figures assume when the model leaves it open (default 100)', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (scales calibrated on --inputs or seeded random inputs)")
    .option('--inputs <dir>', 'calibration inputs input_0.pb ... for --cell-quant (default: seeded random inputs)')
    .option('--seed <n>', 'seed for random calibration inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random calibration inputs')
    .option('--allow-host-ops', 'accept a partial accelerator that leaves a recurrence or a matrix product on the host', false)
    .option('--allow-overbudget', 'accept a design that needs more of some resource than the board has', false)
    .option('--save-folding <file>', 'write the chosen folding (PE / SIMD and implementation choices per layer) as a --folding file')
    .option('--json', 'print the estimate as JSON', false)
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline)
    .action((model: string, opts: EstimateOptions & { pipeline?: string[] }) => {
      result.code = estimateCommand(model, folding({ ...opts, ...ctx, ...cellQuantOption(opts.cellQuant), ...pipelines(opts.pipeline) }), io);
    });

  program
    .command('compile')
    .description('the whole flow: every stage as ONNX, the Vitis HLS project, reports, and a g++ C-simulation checked against the simulator')
    .argument('<model>', 'ONNX model file')
    .option('--board <name>', 'target board', board)
    .addOption(new Option('--out <dir>', 'output folder (must be empty unless --force)').makeOptionMandatory())
    .option('--folding <file>', 'folding JSON: { "<layer name>": { "pe": n, "simd": n } }')
    .option('--explore', 'choose the folding by design-space exploration within the budget', false)
    .option('--budget <fraction>', 'fraction of the board resources the exploration may use (default: 1, the whole board)', (v) => parseFloatStrict(v, '--budget'))
    .option('--target-cycles <n>', 'with --explore: the least-resource design meeting this latency', (v) => parseIntStrict(v, '--target-cycles'))
    .option('--inputs <dir>', 'test inputs input_0.pb ... for the testbench (default: seeded random inputs)')
    .option('--seed <n>', 'seed for random inputs', (v) => parseIntStrict(v, '--seed'), 1)
    .option('--dim <name=size...>', 'size of a symbolic dimension for random inputs')
    .option('--seq-len <n>', 'sequence length the figures and test vectors assume when the model leaves it open (default 100)', (v) => parsePositive(v, '--seq-len'))
    .option('--cell-quant <spec>', "quantise float LSTM cells: 'w8a6', 'name=bits;...' or a JSON file (scales calibrated on the test inputs)")
    .option('--allow-host-ops', 'accept a partial accelerator that leaves a recurrence or a matrix product on the host (listed first in the reports)', false)
    .option('--allow-overbudget', 'accept a design that needs more of some resource than the board has', false)
    .option('--save-folding <file>', 'also write the chosen folding to this file (it is always in --out as folding.json)')
    .option('--force', 'replace a non-empty --out folder as a whole', false)
    .option('--no-csim', 'do not run the g++ C-simulation')
    .option('--pipeline <stage=text>', "replace a stage's pipeline, e.g. 'streamlined=quant-to-multithreshold,streamline' (repeatable; for experts)", collectPipeline)
    .action(async (model: string, opts: CompileOptions & { pipeline?: string[] }) => {
      result.code = await compileCommand(model, folding({ ...opts, ...ctx, ...cellQuantOption(opts.cellQuant), ...pipelines(opts.pipeline) }), io);
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
/** Options of `main` beyond the arguments: where to print, plugins to add, the working folder. */
export interface MainOptions {
  io?: CliIO;
  /** Plugins added to every command's registry (after the built-in ones and before the config file's). */
  plugins?: readonly Plugin[];
  /** The folder --plugin paths and the config file are resolved from (default: process.cwd()). */
  cwd?: string;
  /** `io` is the process's own terminal: show progress on stderr when it is a TTY (default: when io is processIO). */
  interactive?: boolean;
}

/** The global options main reads itself (anywhere before a `--`): --debug, --plugin M, --config F, --no-config. */
function globalOptions(argv: readonly string[]): { args: string[]; debug: boolean; plugins: string[]; config?: string; noConfig: boolean } {
  const end = argv.indexOf('--');
  const args: string[] = [];
  const plugins: string[] = [];
  let config: string | undefined;
  let debug = false;
  let noConfig = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (end >= 0 && k >= end) {
      args.push(a);
      continue;
    }
    const value = (flag: string): string => {
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      const v = argv[k + 1];
      if (v === undefined || (end >= 0 && k + 1 >= end)) throw new UsageError(`${flag} needs a value`);
      k++;
      return v;
    };
    if (a === '--debug') debug = true;
    else if (a === '--no-config') noConfig = true;
    else if (a === '--plugin' || a.startsWith('--plugin=')) plugins.push(value('--plugin'));
    else if (a === '--config' || a.startsWith('--config=')) config = value('--config');
    else args.push(a);
  }
  return { args, debug, plugins, ...(config !== undefined ? { config } : {}), noConfig };
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code: 0
 * success, 1 a model / input / environment problem, 2 a command-line problem, 70 a bug in
 * scanflow. The one composition root: the registry every command uses holds the built-in plugins,
 * `options.plugins`, the config file's plugins and every --plugin module, in that order. Errors are
 * printed as one line (`--debug` adds the stack trace); everything printed has its control
 * characters escaped (see safeIO).
 */
export async function main(argv: readonly string[], ioOrOptions: CliIO | MainOptions = {}): Promise<number> {
  const options: MainOptions = 'out' in ioOrOptions ? { io: ioOrOptions as CliIO } : (ioOrOptions as MainOptions);
  const safe = safeIO(options.io ?? processIO);
  const debug = argv.some((a, k) => a === '--debug' && (argv.indexOf('--') < 0 || k < argv.indexOf('--')));
  const result = { code: 0 };
  try {
    const g = globalOptions(argv);
    const cwd = options.cwd ?? process.cwd();
    const config = g.noConfig ? { plugins: [] } : await loadConfig(cwd, g.config);
    const flagPlugins: Plugin[] = [];
    for (const spec of g.plugins) flagPlugins.push(...(await loadPluginModule(spec, cwd)));
    const registry = fullRegistry([...(options.plugins ?? []), ...config.plugins, ...flagPlugins]);
    const args = g.args;
    // progress on the process's own terminal only (not for a caller's io), never with --json
    const interactive = options.interactive ?? (options.io === undefined || options.io === processIO);
    const progress = interactive ? progressFor({ json: args.includes('--json') }) : quietProgress;
    const program = buildProgram(safe, result, safe.raw, { registry, config, progress });
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
      throw e;
    }
  } catch (e) {
    return reportError(e, safe, debug, safe.raw);
  }
}
