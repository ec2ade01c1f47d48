import { createHash, timingSafeEqual } from "node:crypto";
import { mkdtempSync, type Stats } from "node:fs";
import { mkdir, open, readdir, rename, rmdir, stat, unlink, type FileHandle } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import ssh2, { type Connection, type ParsedKey, type SFTPWrapper } from "ssh2";

const { Server, utils } = ssh2;
const { STATUS_CODE, flagsToString } = utils.sftp;

export interface SftpServer {
  port: number;
  /** The temp directory that is "/" for the SFTP user (also its home); it outlives stop(), so remove it when done. */
  root: string;
  username: string;
  password: string;
  /** An OpenSSH private key the server also accepts for `username`. */
  privateKey: string;
  /** The host key's fingerprint, "SHA256:..." as ssh-keygen prints it. */
  hostFingerprint: string;
  /** Closes the port and drops sessions; `start()` listens on the same port again (same host key). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

type Handle = { kind: "file"; file: FileHandle } | { kind: "dir"; path: string; done: boolean };

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function attrsOf(stats: Stats) {
  return { mode: stats.mode, uid: stats.uid, gid: stats.gid, size: stats.size, atime: Math.floor(stats.atimeMs / 1000), mtime: Math.floor(stats.mtimeMs / 1000) };
}

function statusFor(error: unknown): number {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return STATUS_CODE.NO_SUCH_FILE;
  if (code === "EACCES" || code === "EPERM" || code === "EROOT") return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}

/**
 * The SFTP requests ssh2-sftp-client uses (realpath, stat, mkdir, open/write/read/close,
 * opendir/readdir, rename, remove, rmdir), served from `root`. Like OpenSSH, rename refuses an
 * existing target, and no path may leave the root.
 */
function serveSftp(sftp: SFTPWrapper, root: string) {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;

  /** "/a/../b" -> "/b"; refuses paths climbing above "/". */
  const virtual = (path: string): string => {
    const parts: string[] = [];
    for (const part of path.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (parts.length === 0) throw Object.assign(new Error("outside the root"), { code: "EROOT" });
        parts.pop();
      } else parts.push(part);
    }
    return `/${parts.join("/")}`;
  };
  const real = (path: string) => join(root, virtual(path));
  const newHandle = (value: Handle) => {
    const id = nextHandle++;
    handles.set(id, value);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id, 0);
    return buffer;
  };
  const handleOf = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
  const reply = (reqid: number, work: () => Promise<void>) => {
    work().catch((error: unknown) => sftp.status(reqid, statusFor(error)));
  };

  sftp
    .on("REALPATH", (reqid, path) => reply(reqid, async () => void sftp.name(reqid, [{ filename: virtual(path), longname: virtual(path), attrs: {} as never }])))
    .on("STAT", (reqid, path) => reply(reqid, async () => void sftp.attrs(reqid, attrsOf(await stat(real(path))))))
    .on("LSTAT", (reqid, path) => reply(reqid, async () => void sftp.attrs(reqid, attrsOf(await stat(real(path))))))
    .on("FSTAT", (reqid, buffer) =>
      reply(reqid, async () => {
        const handle = handleOf(buffer);
        if (handle?.kind !== "file") return void sftp.status(reqid, STATUS_CODE.FAILURE);
        sftp.attrs(reqid, attrsOf(await handle.file.stat()));
      }),
    )
    .on("MKDIR", (reqid, path) => reply(reqid, async () => void (await mkdir(real(path)), sftp.status(reqid, STATUS_CODE.OK))))
    .on("RMDIR", (reqid, path) => reply(reqid, async () => void (await rmdir(real(path)), sftp.status(reqid, STATUS_CODE.OK))))
    .on("REMOVE", (reqid, path) => reply(reqid, async () => void (await unlink(real(path)), sftp.status(reqid, STATUS_CODE.OK))))
    .on("RENAME", (reqid, from, to) =>
      reply(reqid, async () => {
        const exists = await stat(real(to)).then(
          () => true,
          () => false,
        );
        if (exists) return void sftp.status(reqid, STATUS_CODE.FAILURE, "Target exists");
        await rename(real(from), real(to));
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on("OPEN", (reqid, path, flags) => reply(reqid, async () => void sftp.handle(reqid, newHandle({ kind: "file", file: await open(real(path), flagsToString(flags) ?? "r") }))))
    .on("WRITE", (reqid, buffer, offset, data) =>
      reply(reqid, async () => {
        const handle = handleOf(buffer);
        if (handle?.kind !== "file") return void sftp.status(reqid, STATUS_CODE.FAILURE);
        await handle.file.write(data, 0, data.length, offset);
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on("READ", (reqid, buffer, offset, length) =>
      reply(reqid, async () => {
        const handle = handleOf(buffer);
        if (handle?.kind !== "file") return void sftp.status(reqid, STATUS_CODE.FAILURE);
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.file.read(chunk, 0, length, offset);
        if (bytesRead === 0) sftp.status(reqid, STATUS_CODE.EOF);
        else sftp.data(reqid, chunk.subarray(0, bytesRead));
      }),
    )
    .on("OPENDIR", (reqid, path) =>
      reply(reqid, async () => {
        if (!(await stat(real(path))).isDirectory()) return void sftp.status(reqid, STATUS_CODE.FAILURE, "Not a directory");
        sftp.handle(reqid, newHandle({ kind: "dir", path: virtual(path), done: false }));
      }),
    )
    .on("READDIR", (reqid, buffer) =>
      reply(reqid, async () => {
        const handle = handleOf(buffer);
        if (handle?.kind !== "dir") return void sftp.status(reqid, STATUS_CODE.FAILURE);
        if (handle.done) return void sftp.status(reqid, STATUS_CODE.EOF);
        handle.done = true;
        const names = await readdir(real(handle.path));
        const entries = await Promise.all(
          names.map(async (filename) => ({ filename, longname: filename, attrs: attrsOf(await stat(real(posix.join(handle.path, filename)))) })),
        );
        if (entries.length === 0) return void sftp.status(reqid, STATUS_CODE.EOF);
        sftp.name(reqid, entries);
      }),
    )
    .on("CLOSE", (reqid, buffer) =>
      reply(reqid, async () => {
        const id = buffer.length === 4 ? buffer.readUInt32BE(0) : -1;
        const handle = handles.get(id);
        if (!handle) return void sftp.status(reqid, STATUS_CODE.FAILURE);
        handles.delete(id);
        if (handle.kind === "file") await handle.file.close();
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on("SETSTAT", (reqid) => sftp.status(reqid, STATUS_CODE.OK))
    .on("FSETSTAT", (reqid) => sftp.status(reqid, STATUS_CODE.OK))
    .on("close", () => {
      for (const handle of handles.values()) if (handle.kind === "file") void handle.file.close().catch(() => {});
      handles.clear();
    });
}

/**
 * A real SSH server (ssh2) with only the SFTP subsystem, on 127.0.0.1, serving a fresh temp
 * directory. It accepts one user, by password or by the returned private key.
 */
export async function startSftpServer(options: { port?: number; username?: string; password?: string } = {}): Promise<SftpServer> {
  const root = mkdtempSync(join(tmpdir(), "switchyard-sftp-"));
  const username = options.username ?? "exporter";
  const password = options.password ?? "s3cret-pass";
  const hostKey = utils.generateKeyPairSync("ed25519");
  const clientKey = utils.generateKeyPairSync("ed25519");
  const allowedKey = utils.parseKey(clientKey.public) as ParsedKey;
  const hostPublic = utils.parseKey(hostKey.public) as ParsedKey;
  const hostFingerprint = `SHA256:${createHash("sha256").update(hostPublic.getPublicSSH()).digest("base64").replace(/=+$/, "")}`;
  let port = options.port ?? 0;
  let server: InstanceType<typeof Server> | undefined;
  const clients = new Set<Connection>();

  const onClient = (client: Connection) => {
    clients.add(client);
    client.on("close", () => clients.delete(client));
    client.on("error", () => {});
    client.on("authentication", (ctx) => {
      const userOk = sameBytes(Buffer.from(ctx.username), Buffer.from(username));
      if (ctx.method === "password" && userOk && sameBytes(Buffer.from(ctx.password), Buffer.from(password))) return ctx.accept();
      if (ctx.method === "publickey" && userOk && ctx.key.algo === allowedKey.type && sameBytes(ctx.key.data, allowedKey.getPublicSSH())) {
        if (!ctx.signature || !ctx.blob) return ctx.accept();
        if (allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      }
      ctx.reject(["password", "publickey"]);
    });
    client.on("ready", () => {
      client.on("session", (accept) => {
        const session = accept();
        session.on("sftp", (acceptSftp) => serveSftp(acceptSftp(), root));
      });
    });
  };

  const start = async () => {
    if (server) return;
    const next = new Server({ hostKeys: [hostKey.private] }, onClient);
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        next.off("error", reject);
        resolve();
      });
    });
    next.on("error", () => {});
    port = (next.address() as AddressInfo).port;
    server = next;
  };

  const stop = async () => {
    const current = server;
    server = undefined;
    if (!current) return;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const client of clients) client.end();
    await closed;
  };

  await start();
  return { port, root, username, password, privateKey: clientKey.private, hostFingerprint, stop, start };
}
