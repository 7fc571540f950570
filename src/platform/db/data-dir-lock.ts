// PGlite is one process's database: a second process on the same folder would corrupt it. A lock
// file in the folder names its owner: the pid and, where the system tells it, when that process
// started. A pid alone is not enough: after a crash and a reboot the old pid may belong to any
// other program, and a lock naming it must not block the next start.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by another CV Improver process (pid ${pid}). ` +
        'Stop that process first, or point DATA_DIR at another folder. ' +
        'To run several processes on one database, use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DatabaseLockedError';
  }
}

/** When a process started, in clock ticks since boot (Linux); null where /proc does not say. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is
    // field 3, starttime field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a lock names still runs: the same pid and, when recorded, the same start. */
function ownerRuns(pid: number, startedAt: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  const now = processStartTime(pid);
  if (now === null) return true;
  if (startedAt) return now === startedAt;
  // A lock from before start times were recorded: only a Node process can be its owner.
  try {
    return /node/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** Takes the folder's lock, or throws DatabaseLockedError; returns the function that releases it. */
export function acquireLock(file: string, dir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim());
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText = '', startedAt] = readFileSync(file, 'utf8').trim().split(/\s+/);
      const pid = Number.parseInt(pidText, 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && ownerRuns(pid, startedAt)) {
        throw new DatabaseLockedError(dir, pid);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}
