export interface ParsedArgs {
  positional: string[];
  /** `--name value`, `--name=value`; a flag without a value is "true"; `--no-name` is "false". */
  options: Record<string, string>;
}

/** Options that never take a value, so that `--no-log decide` style orders work. */
const FLAGS = new Set(['no-log', 'json', 'help']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      options[body.slice(0, eq)] = body.slice(eq + 1);
    } else if (FLAGS.has(body)) {
      options[body] = 'true';
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      options[body] = argv[++i];
    } else {
      options[body] = 'true';
    }
  }
  return { positional, options };
}

export class UsageError extends Error {
  readonly code = 'usage';
}

/** Progress on stderr, only for a person at a terminal, so pipes and tests stay clean. */
export function progress(label: string): (count: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (count) => process.stderr.write(`\r${label}: ${count}`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
