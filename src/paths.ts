import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the project's package.json, found by walking up from `start`. The same answer from `src/`
 * under tsx and from the compiled output under node, whatever its depth, so data folders never depend on it.
 */
export function findProjectRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json in ${start} or any folder above it`);
  }
}

export const PROJECT_ROOT = findProjectRoot();

/** A path inside the project, e.g. `fromProjectRoot('migrations')`. */
export function fromProjectRoot(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
