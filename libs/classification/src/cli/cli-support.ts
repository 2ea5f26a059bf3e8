import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRepoRoot } from '../model-file';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** `--name value`, `--name=value` and bare `--switch` (when `switches` lists it). */
export function parseArgs(argv: readonly string[], switches: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, true);
    else if (i + 1 < argv.length) flags.set(name, argv[++i]);
    else throw new Error(`--${name} needs a value`);
  }
  return { flags, positional };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function numberFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

/** The shared labelled data: `MUVO_DATA_DIR`, else `../shared/data` beside the repository. */
export function dataDir(): string {
  return resolve(process.env.MUVO_DATA_DIR ?? join(findRepoRoot(), '..', 'shared', 'data'));
}

export function existing(paths: readonly string[]): string[] {
  return paths.filter((p) => existsSync(p));
}

/** Runs a CLI's main, printing failures as one line on stderr with exit code 1 (2 for usage). */
export function runCli(main: () => void | Promise<void>, usage: string): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${message}\n${message.startsWith('usage') ? '' : `\n${usage}\n`}`);
      process.exitCode = 1;
    });
}
