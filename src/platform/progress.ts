// What a long command is doing, on stderr (stdout keeps only the result, for scripts). In a
// terminal the line is rewritten in place and counts show as a bar; elsewhere (a pipe, a log)
// each step is one line and counts are left out, so a log does not fill with bars.
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** A new step ("Opening the embedded database…"). */
  step(text: string): void;
  /** How far a counted step is; a terminal shows a bar, ending its line when done. */
  count(what: string, done: number, total: number): void;
  /** Removes the terminal's status line before the command prints its result. */
  clear(): void;
}

export function createProgress(stream: ProgressStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let open = false;
  return {
    step(text) {
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        open = true;
      } else stream.write(`${text}\n`);
    },
    count(what, done, total) {
      if (!tty) return;
      const width = 30;
      const filled = total === 0 ? width : Math.round((Math.min(done, total) / total) * width);
      stream.write(
        `\r\x1b[2K${what.padEnd(13)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`,
      );
      open = done < total;
      if (!open) stream.write('\n');
    },
    clear() {
      if (tty && open) stream.write('\r\x1b[2K');
      open = false;
    },
  };
}
