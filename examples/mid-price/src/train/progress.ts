import cliProgress from 'cli-progress';

/** Progress of a training phase: a bar on a terminal, one line per epoch otherwise (logs, CI). */
export interface Progress {
  start(total: number, label: string): void;
  update(done: number, info: { loss: number }): void;
  stop(summary: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (!stream.isTTY) {
    return {
      start() {},
      update() {},
      stop: (summary) => void stream.write(`${summary}\n`),
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(total, label) {
      bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% | {value}/{total} batches | loss {loss} | eta {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { loss: '-' });
    },
    update(done, info) {
      bar?.update(done, { loss: info.loss.toFixed(4) });
    },
    stop(summary) {
      bar?.stop();
      bar = undefined;
      stream.write(`${summary}\n`);
    },
  };
}
