import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { acquireDirectoryLock, DatabaseLockedError } from "@/db/pglite-lock";

const ROOT = resolve(import.meta.dirname, "../..");
const LOCK_MODULE = join(ROOT, "db/pglite-lock.ts");
const CLIENT_MODULE = join(ROOT, "db/client.ts");

let dir: string;
let lockPath: string;
let releases: (() => void)[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "switchyard-lock-"));
});

afterEach(() => {
  for (const release of releases) release();
  releases = [];
  rmSync(lockPath, { force: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function freshLockPath() {
  n += 1;
  lockPath = join(dir, `db-${n}.lock`);
  return lockPath;
}

function acquire(path: string) {
  const release = acquireDirectoryLock(path);
  releases.push(release);
  return release;
}

const lockFile = (path: string) => JSON.parse(readFileSync(path, "utf8")) as { pid: number; command: string };

/** Runs TypeScript (an ES module) in a separate Node process through tsx. */
function runScript(code: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** A child that tries to take the lock once and reports the outcome as JSON on stdout. */
function tryAcquireInChild(path: string) {
  const result = runScript(`
    import { acquireDirectoryLock } from ${JSON.stringify(LOCK_MODULE)};
    try {
      acquireDirectoryLock(${JSON.stringify(path)});
      console.log(JSON.stringify({ ok: true }));
    } catch (error) {
      console.log(JSON.stringify({ ok: false, name: error.name, message: error.message, holderPid: error.holderPid }));
      process.exitCode = 1;
    }
  `);
  expect(result.stderr).toBe("");
  return { status: result.status, ...(JSON.parse(result.stdout) as { ok: boolean; name?: string; message?: string; holderPid?: number }) };
}

/** A child that takes the lock and holds it until killed. */
async function holdInChild(path: string) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `import { acquireDirectoryLock } from ${JSON.stringify(LOCK_MODULE)};
       acquireDirectoryLock(${JSON.stringify(path)});
       console.log("locked");
       setInterval(() => {}, 1000);`,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  await new Promise<void>((ready, fail) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && ready());
    child.on("exit", (code) => fail(new Error(`holder exited early (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((done) => child.on("exit", () => done()));
  return { pid: child.pid!, kill: async (signal: NodeJS.Signals) => (child.kill(signal), exited) };
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  const pid = Number(child.stdout.trim());
  expect(pid).toBeGreaterThan(0);
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

describe("acquireDirectoryLock", () => {
  it("writes this process's pid into the lock file and release removes it", () => {
    const path = freshLockPath();
    const release = acquire(path);
    expect(lockFile(path).pid).toBe(process.pid);

    release();
    expect(existsSync(path)).toBe(false);
    release(); // twice is harmless
    expect(existsSync(path)).toBe(false);

    // And it can be taken again afterwards, by anyone.
    expect(tryAcquireInChild(path)).toMatchObject({ status: 0, ok: true });
  });

  it("refuses a second process while held, naming the holder's pid", () => {
    const path = freshLockPath();
    acquire(path);

    const child = tryAcquireInChild(path);
    expect(child).toMatchObject({ status: 1, ok: false, name: "DatabaseLockedError", holderPid: process.pid });
    expect(child.message).toContain(`in use by process ${process.pid}`);
    expect(child.message).toContain(path);
    expect(child.message).toMatch(/DATABASE_URL/);

    // The refused child did not disturb the holder's lock.
    expect(lockFile(path).pid).toBe(process.pid);
  });

  it("is refused here while a live child holds it, and taken over once the child is killed", async () => {
    const path = freshLockPath();
    const holder = await holdInChild(path);
    try {
      let error: unknown;
      try {
        acquire(path);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DatabaseLockedError);
      expect((error as DatabaseLockedError).holderPid).toBe(holder.pid);
      expect((error as DatabaseLockedError).message).toContain(`process ${holder.pid}`);
      expect((error as DatabaseLockedError).holder).toBe(lockFile(path).command || "unknown command");
      expect(lockFile(path).pid).toBe(holder.pid);
    } finally {
      // SIGKILL: the child gets no chance to clean up, leaving a stale lock file behind.
      await holder.kill("SIGKILL");
    }

    expect(lockFile(path).pid).toBe(holder.pid);
    acquire(path);
    expect(lockFile(path).pid).toBe(process.pid);
  });

  it("is released by a child that exits without calling release", () => {
    const path = freshLockPath();
    expect(tryAcquireInChild(path)).toMatchObject({ status: 0, ok: true });
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    { case: "a dead pid", content: () => JSON.stringify({ pid: deadPid(), command: "node old-server.js" }) },
    { case: "garbage", content: () => "not json at all" },
    { case: "no pid", content: () => JSON.stringify({ command: "x" }) },
    { case: "an empty file", content: () => "" },
  ])("takes over a stale lock file holding $case", ({ content }) => {
    const path = freshLockPath();
    writeFileSync(path, content());
    acquire(path);
    expect(lockFile(path)).toEqual({ pid: process.pid, command: expect.any(String) });
  });

  it("refuses a lock file naming another live process", () => {
    const path = freshLockPath();
    writeFileSync(path, JSON.stringify({ pid: process.ppid, command: "the test runner" }));
    expect(() => acquire(path)).toThrow(DatabaseLockedError);
    expect(() => acquire(path)).toThrow(`in use by process ${process.ppid} (the test runner)`);
    expect(lockFile(path).pid).toBe(process.ppid);
  });

  it("does not remove a lock file another process has taken since", () => {
    const path = freshLockPath();
    const release = acquire(path);
    writeFileSync(path, JSON.stringify({ pid: process.ppid, command: "someone else" }));
    release();
    expect(lockFile(path).pid).toBe(process.ppid);
  });

  it("refuses a second acquire in this same process too, and the first release still frees it", () => {
    const path = freshLockPath();
    const first = acquire(path);
    let error: unknown;
    try {
      acquire(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect((error as DatabaseLockedError).holderPid).toBe(process.pid);
    expect(lockFile(path).pid).toBe(process.pid);
    expect(tryAcquireInChild(path)).toMatchObject({ status: 1, ok: false, holderPid: process.pid });

    first();
    expect(existsSync(path)).toBe(false);
  });
});

describe("openDatabase({ pgliteDir })", () => {
  let handle: DatabaseHandle | undefined;

  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  function openInChild(pgliteDir: string) {
    return runScript(`
      import { openDatabase } from ${JSON.stringify(CLIENT_MODULE)};
      const handle = await openDatabase({ pgliteDir: ${JSON.stringify(pgliteDir)} });
      await handle.close();
      console.log("opened");
    `);
  }

  it("refuses a second opener in this process, leaving the first one working", async () => {
    const pgliteDir = join(dir, "pglite-same-process");
    lockPath = `${pgliteDir}.lock`;
    handle = await openDatabase({ pgliteDir });
    await expect(openDatabase({ pgliteDir })).rejects.toThrow(`The embedded database is in use by process ${process.pid}`);
    // The refused opener must not have released the first one's lock.
    expect(lockFile(lockPath).pid).toBe(process.pid);
    const result = await handle.db.execute("select 41 + 1 as answer");
    expect(JSON.stringify(result)).toContain("42");

    await handle.close();
    handle = undefined;
    expect(existsSync(lockPath)).toBe(false);
    handle = await openDatabase({ pgliteDir });
    expect(lockFile(lockPath).pid).toBe(process.pid);
  }, 60_000);

  it("refuses a second process on the same directory until the first closes it", async () => {
    const pgliteDir = join(dir, "pglite-data");
    lockPath = `${pgliteDir}.lock`;
    handle = await openDatabase({ pgliteDir });
    await handle.db.execute("create table marker (id int)");
    expect(lockFile(lockPath).pid).toBe(process.pid);

    const refused = openInChild(pgliteDir);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).not.toContain("opened");
    expect(refused.stderr).toContain(`The embedded database is in use by process ${process.pid}`);
    expect(refused.stderr).toContain("DatabaseLockedError");

    await handle.close();
    handle = undefined;
    expect(existsSync(lockPath)).toBe(false);

    const allowed = openInChild(pgliteDir);
    expect(allowed.stderr).toBe("");
    expect(allowed).toMatchObject({ status: 0 });
    expect(allowed.stdout).toContain("opened");
    expect(existsSync(lockPath)).toBe(false);
  }, 60_000);
});
