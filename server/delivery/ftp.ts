import { isIP } from "node:net";
import { posix } from "node:path";
import { Readable } from "node:stream";
import { Client, FTPError } from "basic-ftp";
import { ftpDestination, type FtpDestination } from "./destinations";
import { DeliveryError, messageOf, networkError, parseConfig, withTimeout } from "./errors";
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

/** Idle time allowed per FTP command or transfer. */
const IDLE_TIMEOUT_MS = 30_000;

function toDeliveryError(error: unknown, config: FtpDestination, step: string, action = "FTP upload to"): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const where = `${config.host}:${config.port}`;
  if (error instanceof FTPError) {
    const reply = `${error.code} ${error.message.replace(/^\d{3}[ -]?/, "").trim()}`;
    if (error.code === 530 || error.code === 331 || error.code === 332) {
      return new DeliveryError(`The FTP server ${where} refused the login for "${config.username}" (${reply}). Check the user name and password.`, { retryable: false, cause: error });
    }
    // FTP's own rule: 4xx replies are transient, 5xx are final (no permission, no such folder, ...).
    return new DeliveryError(`The FTP server ${where} refused to ${step} (${reply}).`, { retryable: error.code < 500, cause: error });
  }
  return networkError(error, where, config.host) ?? new DeliveryError(`${action} ${where} failed while trying to ${step}: ${messageOf(error)}.`, { retryable: true, cause: error });
}

function login(client: Client, c: FtpDestination) {
  return client.access({
    host: c.host,
    port: c.port,
    user: c.username,
    password: c.password,
    secure: c.secure === "none" ? false : c.secure === "implicit" ? "implicit" : true,
    // SNI takes host names only (RFC 6066), not IP addresses.
    secureOptions: { rejectUnauthorized: !c.allowSelfSigned, ...(isIP(c.host) ? {} : { servername: c.host }) },
  });
}

/**
 * Uploads `content` as `directory/fileName`, creating the directory. The file is written under a
 * temporary name and renamed into place, so a reader polling the folder never sees half a file.
 */
export async function uploadViaFtp(config: FtpDestination, fileName: string, content: Buffer): Promise<{ remotePath: string }> {
  const c = parseConfig(ftpDestination, config, "FTP");
  assertFileName(fileName);
  const client = new Client(IDLE_TIMEOUT_MS);
  let step = "connect";
  let uploadedTemp: string | undefined;
  const run = async () => {
    await login(client, c);
    if (c.directory) {
      step = `open the folder "${c.directory}"`;
      await client.ensureDir(c.directory);
    }
    const directory = await client.pwd();
    const temp = temporaryName(fileName);
    step = `write "${fileName}" in ${directory}`;
    uploadedTemp = temp;
    await client.uploadFrom(Readable.from(content), temp);
    const size = await client.size(temp).catch(() => undefined);
    if (size !== undefined && size !== content.length) {
      throw new DeliveryError(`The FTP server ${c.host}:${c.port} stored ${size} of ${content.length} bytes; the upload will be tried again.`, { retryable: true });
    }
    step = `rename the uploaded file to "${fileName}"`;
    try {
      await client.rename(temp, fileName);
    } catch (error) {
      // Some servers refuse to rename over an existing file: remove it, then rename.
      if (!(error instanceof FTPError)) throw error;
      await client.remove(fileName, true);
      await client.rename(temp, fileName);
    }
    uploadedTemp = undefined;
    return { remotePath: posix.join(directory, fileName) };
  };
  try {
    return await withTimeout(run(), uploadTimeout(content.length), `The FTP upload to ${c.host}:${c.port}`, () => client.close());
  } catch (error) {
    if (uploadedTemp && !client.closed) await client.remove(uploadedTemp, true).catch(() => undefined);
    throw toDeliveryError(error, c, step);
  } finally {
    client.close();
  }
}

/**
 * One connection to the folder `config.directory` (which must exist; it is not created): logs in,
 * changes into it and runs `work`, with one timeout for the whole and errors in the same words
 * as uploads.
 */
async function inFtpFolder<T>(config: FtpDestination, timeoutMs: number, work: (client: Client, setStep: (step: string) => void) => Promise<T>): Promise<T> {
  const c = parseConfig(ftpDestination, config, "FTP");
  const client = new Client(IDLE_TIMEOUT_MS);
  let step = "connect";
  const run = async () => {
    await login(client, c);
    if (c.directory) {
      step = `open the folder "${c.directory}"`;
      await client.cd(c.directory);
    }
    return work(client, (next) => (step = next));
  };
  try {
    return await withTimeout(run(), timeoutMs, `Fetching from the FTP server ${c.host}:${c.port}`, () => client.close());
  } catch (error) {
    throw toDeliveryError(error, c, step, "Fetching from the FTP server");
  } finally {
    client.close();
  }
}

/**
 * The files in the folder whose names match `pattern` (folders and links left out), oldest
 * first. Without MLSD, each match's exact time comes from MDTM where the server has it.
 */
export function listFtpFiles(config: FtpDestination, pattern: string): Promise<RemoteFile[]> {
  const matches = fileNameMatcher(pattern);
  return inFtpFolder(config, FOLDER_TIMEOUT_MS, async (client, setStep) => {
    setStep("list the folder");
    const listing = (await client.list()).filter((f) => f.isFile && matches(f.name));
    const files: RemoteFile[] = [];
    for (const f of listing) {
      const modifiedAt = f.modifiedAt ?? (await client.lastMod(f.name).catch(() => undefined)) ?? null;
      const valid = modifiedAt && !Number.isNaN(modifiedAt.getTime()) ? modifiedAt : null;
      files.push({ name: f.name, size: f.size, modifiedAt: valid, modified: valid?.toISOString() ?? f.rawModifiedAt });
    }
    return files.sort(oldestFirst);
  });
}

/** Downloads `name` from the folder to `localPath`, refusing more than `maxBytes`. */
export function downloadFtpFile(config: FtpDestination, name: string, localPath: string, maxBytes: number, expectedBytes = maxBytes): Promise<{ bytes: number }> {
  assertFileName(name);
  return inFtpFolder(config, downloadTimeout(expectedBytes), async (client, setStep) => {
    setStep(`download "${name}"`);
    const writer = cappedFileWriter(localPath, name, maxBytes);
    try {
      await client.downloadTo(writer.input, name);
    } catch (error) {
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
export function finishFtpFile(config: FtpDestination, name: string, action: AfterFetch): Promise<string> {
  assertFileName(name);
  return inFtpFolder(config, FOLDER_TIMEOUT_MS, async (client, setStep) => {
    const folder = await client.pwd();
    if (action === "delete") {
      setStep(`delete "${name}"`);
      await client.remove(name);
      return `deleted ${posix.join(folder, name)}`;
    }
    setStep(`create the folder "${PROCESSED_FOLDER}"`);
    await client.ensureDir(PROCESSED_FOLDER);
    const taken = new Set((await client.list()).map((f) => f.name));
    await client.cd(folder);
    const target = posix.join(PROCESSED_FOLDER, processedName(name, taken));
    setStep(`move "${name}" to ${target}`);
    await client.rename(name, target);
    return posix.join(folder, target);
  });
}
