/** Where a research command's output goes, and what it reads from its surroundings (tests pass their own). */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Relative paths (--data, --out, --module) are resolved against it. */
  readonly cwd: string;
  out(line: string): void;
  err(line: string): void;
  /** Wall-clock time, ms UTC: run ids and report timestamps. */
  now(): number;
  /** Progress bars off (tests, pipes that do not want them). */
  readonly quiet?: boolean;
}

export const processIo: CommandIo = {
  env: process.env,
  cwd: process.cwd(),
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  now: () => Date.now(),
};

/** `20240131-235959`, for run and sweep ids. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replaceAll('-', '').replace('T', '-').replaceAll(':', '');
}

/** An argument as a POSIX shell would need it quoted, for the reproducible command line in reports. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
