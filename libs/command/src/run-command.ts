/**
 * Runs a command-line entry point whose standard output is a machine-readable result: every log
 * line (ours, Nest's, TypeORM's) goes to stderr, the result alone to stdout, and a failure is
 * one line on stderr with exit code 1 instead of a stack trace.
 */
export function runCommand(main: (args: string[]) => Promise<unknown>): void {
  const print = (value: unknown) =>
    process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  main(process.argv.slice(2)).then(
    (result) => {
      if (result !== undefined) print(result);
      process.exit(0);
    },
    (error: Error) => {
      console.error(error?.message ?? String(error));
      process.exit(1);
    },
  );
}
