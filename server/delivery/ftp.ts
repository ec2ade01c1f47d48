import { isIP } from "node:net";
import { posix } from "node:path";
import { Readable } from "node:stream";
import { Client, FTPError } from "basic-ftp";
import { ftpDestination, type FtpDestination } from "./destinations";
import { DeliveryError, messageOf, networkError, parseConfig, withTimeout } from "./errors";
import { assertFileName, temporaryName } from "./filename";

/** Idle time allowed per FTP command or transfer. */
const IDLE_TIMEOUT_MS = 30_000;
/** Whole upload: a minute plus at least 50 KB/s. */
const uploadTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 50);

function toDeliveryError(error: unknown, config: FtpDestination, step: string): DeliveryError {
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
  return networkError(error, where, config.host) ?? new DeliveryError(`FTP upload to ${where} failed while trying to ${step}: ${messageOf(error)}.`, { retryable: true, cause: error });
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
    await client.access({
      host: c.host,
      port: c.port,
      user: c.username,
      password: c.password,
      secure: c.secure === "none" ? false : c.secure === "implicit" ? "implicit" : true,
      // SNI takes host names only (RFC 6066), not IP addresses.
      secureOptions: { rejectUnauthorized: !c.allowSelfSigned, ...(isIP(c.host) ? {} : { servername: c.host }) },
    });
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
