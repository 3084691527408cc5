import cliProgress from 'cli-progress';

/** Progress of a long step: a bar on a terminal, only the summary line otherwise (logs, CI). */
export interface Progress {
  start(total: number, label: string, unit?: string): void;
  update(done: number, detail?: string): void;
  stop(summary: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (!stream.isTTY) return { start() {}, update() {}, stop: (summary) => void stream.write(`${summary}\n`) };
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(total, label, unit = 'batches') {
      bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail} | eta {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { detail: '' });
    },
    update(done, detail = '') {
      bar?.update(done, { detail });
    },
    stop(summary) {
      bar?.stop();
      bar = undefined;
      stream.write(`${summary}\n`);
    },
  };
}
