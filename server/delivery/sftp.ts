import { createHash } from "node:crypto";
import { posix } from "node:path";
import { pipeline } from "node:stream/promises";
import SftpClient from "ssh2-sftp-client";
import { sftpDestination, type SftpDestination } from "./destinations";
import { DeliveryError, errorCode, messageOf, networkError, parseConfig, withTimeout } from "./errors";
import { assertFileName, temporaryName } from "./filename";
import { fileNameMatcher } from "./glob";
import {
  cappedFileWriter,
  downloadTimeout,
  FOLDER_TIMEOUT_MS,
  oldestFirst,
  PROCESSED_FOLDER,
  processedName,
  tooLargeError,
  type AfterFetch,
  type RemoteFile,
  uploadTimeout,
} from "./remote-files";

const HANDSHAKE_TIMEOUT_MS = 20_000;

/** ssh2-sftp-client prefixes messages with the call chain ("put: _put: ..."): keep the reason. */
const reasonOf = (error: unknown) => messageOf(error).replace(/^(?:[\w.]+(?::|->)\s*)+/, "").trim();

function toDeliveryError(error: unknown, config: SftpDestination, step: string, action = "SFTP upload to"): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const where = `${config.host}:${config.port}`;
  const message = messageOf(error);
  const fail = (text: string, retryable: boolean) => new DeliveryError(text, { retryable, cause: error });
  if (/authentication methods failed|authentication failed/i.test(message)) {
    return fail(`The SFTP server ${where} refused the login for "${config.username}". Check the user name, password or private key.`, false);
  }
  if (/cannot parse privatekey|unsupported key format|encrypted private key/i.test(message)) {
    return fail(`The private key could not be read (${reasonOf(error)}). Paste an unencrypted key in PEM or OpenSSH format.`, false);
  }
  if (/host denied|verification failed/i.test(message)) {
    return fail(`The SFTP server ${where} showed a host key that does not match the saved fingerprint; nothing was sent.`, false);
  }
  if (/handshake/i.test(message) && /timed out/i.test(message)) return fail(`${where} did not complete the SSH handshake in time (timed out).`, true);
  const network = networkError(error, where, config.host);
  if (network) return network;
  const code = errorCode(error);
  if (code === "ERR_BAD_PATH" || code === "ENOENT" || code === "EACCES" || code === "ENOTDIR" || /permission denied|no such file|bad path|not a directory/i.test(message)) {
    return fail(`The SFTP server ${where} refused to ${step} (${reasonOf(error)}).`, false);
  }
  return fail(`${action} ${where} failed while trying to ${step}: ${reasonOf(error)}.`, true);
}

function connectOptions(c: SftpDestination) {
  const expected = c.hostFingerprint?.replace(/=+$/, "");
  return {
    host: c.host,
    port: c.port,
    username: c.username,
    password: c.password || undefined,
    privateKey: c.privateKey || undefined,
    readyTimeout: HANDSHAKE_TIMEOUT_MS,
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
    ...(expected ? { hostVerifier: (key: Buffer) => hostKeyFingerprint(key) === expected } : {}),
  };
}

/** SHA256 of the host key, as `ssh-keygen -lf` prints it (base64 without padding). */
export const hostKeyFingerprint = (key: Buffer) => `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;

/** posix-rename (OpenSSH) replaces atomically; plain SFTP rename refuses an existing target. */
async function renameOver(client: SftpClient, from: string, to: string) {
  try {
    await client.posixRename(from, to);
    return;
  } catch {
    // Not supported by this server: fall back to rename.
  }
  try {
    await client.rename(from, to);
  } catch (error) {
    if (!(await client.exists(to))) throw error;
    await client.delete(to);
    await client.rename(from, to);
  }
}

/**
 * Uploads `content` as `directory/fileName` over SFTP, creating the directory. The file is written
 * under a temporary name and renamed into place, so a reader never sees half a file.
 */
export async function uploadViaSftp(config: SftpDestination, fileName: string, content: Buffer): Promise<{ remotePath: string }> {
  const c = parseConfig(sftpDestination, config, "SFTP");
  if (!c.password && !c.privateKey) throw new DeliveryError("The SFTP destination has neither a password nor a private key.", { retryable: false });
  assertFileName(fileName);
  const client = new SftpClient("switchyard");
  let step = "connect";
  let connected = false;
  let uploadedTemp: string | undefined;
  const run = async () => {
    await client.connect(connectOptions(c));
    connected = true;
    const home = await client.cwd();
    const directory = c.directory ? posix.resolve(home || "/", c.directory) : home || "/";
    if (c.directory) {
      step = `create the folder "${c.directory}"`;
      await client.mkdir(directory, true);
    }
    const temp = posix.join(directory, temporaryName(fileName));
    const target = posix.join(directory, fileName);
    step = `write "${fileName}" in ${directory}`;
    uploadedTemp = temp;
    await client.put(content, temp);
    const stored = await client.stat(temp);
    if (stored.size !== content.length) {
      throw new DeliveryError(`The SFTP server ${c.host}:${c.port} stored ${stored.size} of ${content.length} bytes; the upload will be tried again.`, { retryable: true });
    }
    step = `rename the uploaded file to "${fileName}"`;
    await renameOver(client, temp, target);
    uploadedTemp = undefined;
    return { remotePath: target };
  };
  try {
    return await withTimeout(run(), uploadTimeout(content.length), `The SFTP upload to ${c.host}:${c.port}`, () => void client.end().catch(() => undefined));
  } catch (error) {
    if (uploadedTemp && connected) await client.delete(uploadedTemp, true).catch(() => undefined);
    throw toDeliveryError(error, c, step);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * One connection to the folder `config.directory` (which must exist; it is not created): runs
 * `work` with the folder's absolute path, with one timeout for the whole and errors in the same
 * words as uploads.
 */
async function inSftpFolder<T>(
  config: SftpDestination,
  timeoutMs: number,
  work: (client: SftpClient, folder: string, setStep: (step: string) => void) => Promise<T>,
): Promise<T> {
  const c = parseConfig(sftpDestination, config, "SFTP");
  if (!c.password && !c.privateKey) throw new DeliveryError("The SFTP server settings have neither a password nor a private key.", { retryable: false });
  const client = new SftpClient("switchyard");
  let step = "connect";
  const run = async () => {
    await client.connect(connectOptions(c));
    const home = await client.cwd();
    const folder = c.directory ? posix.resolve(home || "/", c.directory) : home || "/";
    step = `open the folder "${c.directory || folder}"`;
    const info = await client.stat(folder);
    if (!info.isDirectory) throw new DeliveryError(`The SFTP server ${c.host}:${c.port} has no folder "${c.directory || folder}".`, { retryable: false });
    return work(client, folder, (next) => (step = next));
  };
  try {
    return await withTimeout(run(), timeoutMs, `Fetching from the SFTP server ${c.host}:${c.port}`, () => void client.end().catch(() => undefined));
  } catch (error) {
    throw toDeliveryError(error, c, step, "Fetching from the SFTP server");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The files in the folder whose names match `pattern` (folders and links left out), oldest first. */
export function listSftpFiles(config: SftpDestination, pattern: string): Promise<RemoteFile[]> {
  const matches = fileNameMatcher(pattern);
  return inSftpFolder(config, FOLDER_TIMEOUT_MS, async (client, folder, setStep) => {
    setStep("list the folder");
    const files: RemoteFile[] = [];
    for (const f of await client.list(folder)) {
      if (!matches(f.name)) continue;
      // The listed type is the first letter of an `ls -l` style long name, which SFTP does not
      // require: when the long name is not one, ask the server.
      const lsStyle = /^[-dlbcps][-rwxsStTl]{9}/.test((f as { longname?: string }).longname ?? "");
      if (lsStyle ? f.type !== "-" : !(await client.stat(posix.join(folder, f.name))).isFile) continue;
      const modifiedAt = new Date(f.modifyTime);
      files.push({ name: f.name, size: f.size, modifiedAt, modified: modifiedAt.toISOString() });
    }
    return files.sort(oldestFirst);
  });
}

/** Downloads `name` from the folder to `localPath`, refusing more than `maxBytes`. */
export function downloadSftpFile(config: SftpDestination, name: string, localPath: string, maxBytes: number, expectedBytes = maxBytes): Promise<{ bytes: number }> {
  assertFileName(name);
  return inSftpFolder(config, downloadTimeout(expectedBytes), async (client, folder, setStep) => {
    setStep(`download "${name}"`);
    const writer = cappedFileWriter(localPath, name, maxBytes);
    const source = client.createReadStream(posix.join(folder, name));
    try {
      await pipeline(source, writer.input);
    } catch (error) {
      source.destroy();
      if (writer.tooLarge()) throw tooLargeError(name, maxBytes);
      throw error;
    }
    return { bytes: await writer.done };
  });
}

/**
 * After an import: moves `name` into processed/ (created when missing; an older file of the same
 * name there is kept, the new one gets a time suffix) or deletes it. Returns where it went.
 */
export function finishSftpFile(config: SftpDestination, name: string, action: AfterFetch): Promise<string> {
  assertFileName(name);
  return inSftpFolder(config, FOLDER_TIMEOUT_MS, async (client, folder, setStep) => {
    const from = posix.join(folder, name);
    if (action === "delete") {
      setStep(`delete "${name}"`);
      await client.delete(from);
      return `deleted ${from}`;
    }
    const processed = posix.join(folder, PROCESSED_FOLDER);
    setStep(`create the folder "${PROCESSED_FOLDER}"`);
    const existing = await client.exists(processed);
    if (existing === false) await client.mkdir(processed, true);
    else if (existing !== "d") throw new DeliveryError(`The SFTP server ${config.host} has a file named "${PROCESSED_FOLDER}" where the folder for imported files goes.`, { retryable: false });
    const taken = new Set((await client.list(processed)).map((f) => f.name));
    const to = posix.join(processed, processedName(name, taken));
    setStep(`move "${name}" to ${to}`);
    await client.rename(from, to);
    return to;
  });
}
