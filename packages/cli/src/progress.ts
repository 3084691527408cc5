import ora, { type Ora } from 'ora';

/**
 * Progress of a command's long steps (the stages, the exploration, code generation, the g++
 * C-simulation) on stderr: a spinner line per step, ended by ✔ / ✖ and the step's time. Shown only
 * on an interactive terminal and never with --json (nothing then reaches stderr but errors); the
 * command's own output on stdout is the same either way.
 */
export interface Progress {
  /** Runs `work` as a named step (synchronous or not) and returns its result; `work` may tell what it is doing now. */
  step<T>(label: string, work: (doing: (what: string) => void) => T): T;
}

/** A Progress that prints nothing (tests, pipes, --json). */
export const quietProgress: Progress = { step: (_label, work) => work(() => undefined) };

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

class SpinnerProgress implements Progress {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  step<T>(label: string, work: (doing: (what: string) => void) => T): T {
    const spinner: Ora = ora({ text: label, stream: this.stream, discardStdin: false, isEnabled: true }).start();
    const t0 = performance.now();
    let shown = t0;
    // synchronous work blocks the spinner's timer: redraw when told of progress, at most ten times a second
    const doing = (what: string): void => {
      spinner.text = `${label}: ${what}`;
      const now = performance.now();
      if (now - shown > 100) {
        shown = now;
        spinner.render();
      }
    };
    const done = (ok: boolean): void => {
      const text = `${label} (${seconds(performance.now() - t0)})`;
      if (ok) spinner.succeed(text);
      else spinner.fail(text);
    };
    try {
      const result = work(doing);
      if (result instanceof Promise) {
        return result.then(
          (v) => {
            done(true);
            return v;
          },
          (e: unknown) => {
            done(false);
            throw e;
          },
        ) as T;
      }
      done(true);
      return result;
    } catch (e) {
      done(false);
      throw e;
    }
  }
}

/** Progress drawn on `stream` (a terminal) whatever the environment (also under CI=true, which ora alone would take as non-interactive): for callers that checked it themselves. */
export function spinnerProgress(stream: NodeJS.WritableStream): Progress {
  return new SpinnerProgress(stream);
}

/** Progress on the process's stderr when it is a terminal and the command prints no JSON; otherwise quiet. */
export function progressFor(options: { json?: boolean; interactive?: boolean }): Progress {
  const tty = options.interactive ?? (process.stderr.isTTY === true && process.env.CI !== 'true');
  // a terminal that reports no width (some pseudo-terminals) cannot be redrawn in place
  const sized = (process.stderr.columns ?? 0) > 0;
  return tty && sized && !options.json ? new SpinnerProgress(process.stderr) : quietProgress;
}
