import { createHash } from "node:crypto";
import { posix } from "node:path";
import SftpClient from "ssh2-sftp-client";
import { sftpDestination, type SftpDestination } from "./destinations";
import { DeliveryError, errorCode, messageOf, networkError, parseConfig, withTimeout } from "./errors";
import { assertFileName, temporaryName } from "./filename";

const HANDSHAKE_TIMEOUT_MS = 20_000;
/** Whole upload: a minute plus at least 50 KB/s. */
const uploadTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 50);

/** ssh2-sftp-client prefixes messages with the call chain ("put: _put: ..."): keep the reason. */
const reasonOf = (error: unknown) => messageOf(error).replace(/^(?:[\w.]+(?::|->)\s*)+/, "").trim();

function toDeliveryError(error: unknown, config: SftpDestination, step: string): DeliveryError {
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
  return fail(`SFTP upload to ${where} failed while trying to ${step}: ${reasonOf(error)}.`, true);
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
  const expected = c.hostFingerprint?.replace(/=+$/, "");
  const client = new SftpClient("switchyard");
  let step = "connect";
  let connected = false;
  let uploadedTemp: string | undefined;
  const run = async () => {
    await client.connect({
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password || undefined,
      privateKey: c.privateKey || undefined,
      readyTimeout: HANDSHAKE_TIMEOUT_MS,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      ...(expected ? { hostVerifier: (key: Buffer) => hostKeyFingerprint(key) === expected } : {}),
    });
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
