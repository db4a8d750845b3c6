export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarOptions {
  total: number;
  label?: string;
  /** Default: standard error, so standard output stays clean for data. */
  stream?: ProgressStream;
  width?: number;
}

export interface ProgressBar {
  /** `done` of `total`; `detail` is a short status such as "429: 3". */
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

/**
 * A one-line progress bar without dependencies. On a terminal it redraws in place; in a log file or a pipe it
 * writes a line at every tenth, so CI output stays short.
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const stream: ProgressStream = options.stream ?? process.stderr;
  const total = Math.max(0, options.total);
  const width = options.width ?? Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
  const label = options.label ? `${options.label} ` : '';
  let lastDecile = -1;
  let finished = false;

  function line(done: number, detail?: string): string {
    const ratio = total === 0 ? 1 : Math.min(1, Math.max(0, done / total));
    const filled = Math.round(ratio * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const percent = String(Math.floor(ratio * 100)).padStart(3);
    return `${label}${bar} ${percent}% ${done}/${total}${detail ? `  ${detail}` : ''}`;
  }

  return {
    update(done, detail) {
      if (finished) return;
      if (stream.isTTY) {
        stream.write(`\r${line(done, detail)}\x1b[K`);
        return;
      }
      const decile = total === 0 ? 10 : Math.floor((Math.min(done, total) / total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${line(done, detail)}\n`);
      }
    },
    finish(detail) {
      if (finished) return;
      finished = true;
      stream.write(stream.isTTY ? `\r${line(total, detail)}\x1b[K\n` : `${line(total, detail)}\n`);
    },
  };
}
