import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assertModeModel, ModeModel } from './model/mode-model';

/** Where the committed default model lives, relative to the repository root. */
export const DEFAULT_MODE_MODEL_FILE = 'config/models/mode-model.default.json';

/**
 * The repository root: the nearest folder above `from` holding the default model file (works from
 * the sources under swc-node and from compiled `dist/apps/<app>/…`), else the current directory.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, DEFAULT_MODE_MODEL_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Absolute path of the committed default model. */
export const DEFAULT_MODE_MODEL_PATH: string = join(findRepoRoot(), DEFAULT_MODE_MODEL_FILE);

/** Reads and validates a model file (the one piece of I/O of this lib). Throws with the path on any problem. */
export function readModeModelFile(path: string = DEFAULT_MODE_MODEL_PATH): ModeModel {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read mode model ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    assertModeModel(value);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return value;
}
