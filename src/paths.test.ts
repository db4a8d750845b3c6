import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProjectRoot, fromProjectRoot, PROJECT_ROOT } from './paths';

describe('findProjectRoot', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds this project from src/', () => {
    expect(PROJECT_ROOT).toBe(path.resolve(__dirname, '..'));
    expect(fromProjectRoot('migrations')).toBe(path.resolve(__dirname, '..', 'migrations'));
  });

  it('walks up any number of folders to the nearest package.json', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'root-'));
    made.push(root);
    writeFileSync(path.join(root, 'package.json'), '{}');
    const deep = path.join(root, '.scratch', 'build', 'db');
    mkdirSync(deep, { recursive: true });
    expect(findProjectRoot(deep)).toBe(root);
  });

  it('says so when no folder above has a package.json', () => {
    expect(() => findProjectRoot(path.parse(os.tmpdir()).root)).toThrow(/No package.json/);
  });
});
