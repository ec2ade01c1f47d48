import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

/**
 * PGlite has no cross-process lock, and two processes writing one data directory corrupt it.
 * Every opener of the embedded database (server, CLI, migrations, tests) takes this lock file
 * first; a second opener is refused with a message that says who holds it.
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
    readonly holder: string,
  ) {
    super(
      `The embedded database is in use by process ${holderPid} (${holder}). ` +
        `Only one process may open it at a time: stop that process first, or point this one at ` +
        `PostgreSQL with DATABASE_URL. (Lock file: ${lockPath})`,
    );
    this.name = "DatabaseLockedError";
  }
}

interface LockInfo {
  pid: number;
  command: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockInfo>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, command: String(parsed.command ?? "") } : null;
  } catch {
    return null;
  }
}

/** Takes the lock or throws DatabaseLockedError. Returns the release function. */
export function acquireDirectoryLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(lockPath);
      if (holder && isAlive(holder.pid)) {
        // Also when the holder is this very process: a second open here would corrupt it just the same.

        throw new DatabaseLockedError(lockPath, holder.pid, holder.command || "unknown command");
      }
      // Stale lock from a process that died without cleaning up (or an unreadable one).
      unlinkSync(lockPath);
      continue;
    }
    const info: LockInfo = { pid: process.pid, command: process.argv.slice(1).join(" ") };
    writeSync(fd, JSON.stringify(info));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      if (readLock(lockPath)?.pid === process.pid) unlinkSync(lockPath);
    };
    process.on("exit", release);
    return release;
  }
  throw new Error(`Could not take the database lock ${lockPath}`);
}
