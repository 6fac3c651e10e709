import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it. A missing golden fails. */
export function expectGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1 to create it)`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
