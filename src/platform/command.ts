// What every operator command gets from src/cli.ts, and the one error that means "wrong
// arguments": features' commands share these, so they live on the floor rather than in one feature.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Logger } from './logger.ts';

/** A bad argument: the command line prints the message and exits with 2. */
export class CommandUsageError extends Error {}

export interface CommandContext {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export const printLine = (stream: NodeJS.WritableStream, line = '') => stream.write(`${line}\n`);

/** `--name` as a whole number from 1 to `max`; `fallback` when absent. */
export function parsePositiveInt(
  value: string | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new CommandUsageError(`--${name} must be a whole number from 1 to ${max}.`);
  return Number(value);
}
