import { createProcessIO } from './io';
import { main } from './program';
import { describeErrno } from './report-error';

const io = createProcessIO();
main(process.argv.slice(2), { io, interactive: true }).then(
  (code) => {
    // Wait until standard output has taken everything: a reader that went away (EPIPE, e.g.
    // `scanflow inspect M | head -1`) ends the run quietly; any other failure (a full disk) means the
    // output is incomplete, which is an error.
    const finish = (): void => {
      const failure = io.stdoutError;
      if (failure && !io.stdoutClosed) {
        io.err(`scanflow: environment error [STDOUT]: cannot write to standard output: ${describeErrno(failure)}; the output is incomplete`);
        process.exitCode = code === 0 ? 1 : code;
      } else {
        process.exitCode = code;
      }
    };
    // after the last write's callback, and after any error event it queued
    process.stdout.write('', () => setImmediate(finish));
  },
  (e: unknown) => {
    io.err(`scanflow: internal error: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 70;
  },
);
