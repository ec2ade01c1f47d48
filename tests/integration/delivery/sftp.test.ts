import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SftpDestination } from "@/server/delivery/destinations";
import { uploadViaSftp } from "@/server/delivery/sftp";
import { startSftpServer, type SftpServer } from "../../helpers/sftp-server";
import { deliveryFailure } from "../../helpers/delivery-failure";

let sftp: SftpServer;

beforeAll(async () => {
  sftp = await startSftpServer();
});
afterAll(async () => {
  await sftp?.stop();
  if (sftp) rmSync(sftp.root, { recursive: true, force: true });
});

const destination = (overrides: Partial<SftpDestination> = {}): SftpDestination => ({
  kind: "sftp",
  host: "127.0.0.1",
  port: sftp.port,
  username: sftp.username,
  password: sftp.password,
  directory: "",
  ...overrides,
});

const failure = deliveryFailure;

describe("uploadViaSftp", () => {
  it("creates nested directories and writes the bytes exactly, leaving no temporary file", async () => {
    const content = Buffer.from("<orders><name>Zoë «Straße» 東京 ✓</name></orders>\n", "utf8");
    const result = await uploadViaSftp(destination({ directory: "exports/daily/xml" }), "orders-1.xml", content);
    expect(result.remotePath).toBe("/exports/daily/xml/orders-1.xml");
    expect(readFileSync(join(sftp.root, "exports", "daily", "xml", "orders-1.xml")).equals(content)).toBe(true);
    expect(readdirSync(join(sftp.root, "exports", "daily", "xml"))).toEqual(["orders-1.xml"]);
  });

  it("uploads 5 MB byte for byte, logging in with a private key and checking the host key", async () => {
    const content = randomBytes(5 * 1024 * 1024);
    const config = destination({ password: undefined, privateKey: sftp.privateKey, hostFingerprint: sftp.hostFingerprint, directory: "/big" });
    const { remotePath } = await uploadViaSftp(config, "big.bin", content);
    expect(remotePath).toBe("/big/big.bin");
    expect(readFileSync(join(sftp.root, "big", "big.bin")).equals(content)).toBe(true);
    expect(readdirSync(join(sftp.root, "big"))).toEqual(["big.bin"]);
  });

  it("replaces a file of the same name although plain SFTP rename refuses to", async () => {
    mkdirSync(join(sftp.root, "again"), { recursive: true });
    writeFileSync(join(sftp.root, "again", "same.csv"), "old old old old");
    await uploadViaSftp(destination({ directory: "again" }), "same.csv", Buffer.from("new\n"));
    expect(readFileSync(join(sftp.root, "again", "same.csv"), "utf8")).toBe("new\n");
    expect(readdirSync(join(sftp.root, "again"))).toEqual(["same.csv"]);
  });

  it("a wrong password is final (not retryable) and says so", async () => {
    const error = await failure(uploadViaSftp(destination({ password: "wrong", directory: "denied" }), "x.csv", Buffer.from("x")));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`The SFTP server 127.0.0.1:${sftp.port} refused the login for "${sftp.username}". Check the user name, password or private key.`);
    expect(existsSync(join(sftp.root, "denied"))).toBe(false);
  });

  it("a host key that does not match the saved fingerprint is refused before anything is sent", async () => {
    const other = `SHA256:${"A".repeat(43)}`;
    const error = await failure(uploadViaSftp(destination({ hostFingerprint: other, directory: "mitm" }), "x.csv", Buffer.from("x")));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/does not match the saved fingerprint/);
    expect(existsSync(join(sftp.root, "mitm"))).toBe(false);
  });

  it("a stopped server is retryable with a readable message; after a restart the upload succeeds", async () => {
    await sftp.stop();
    try {
      const error = await failure(uploadViaSftp(destination({ directory: "later" }), "later.csv", Buffer.from("a,b\n")));
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`Could not connect to 127.0.0.1:${sftp.port} (connection refused).`);
    } finally {
      await sftp.start();
    }
    await uploadViaSftp(destination({ directory: "later" }), "later.csv", Buffer.from("a,b\n"));
    expect(readFileSync(join(sftp.root, "later", "later.csv"), "utf8")).toBe("a,b\n");
  });

  it("refuses a login with neither password nor key, and a malformed key, without retrying", async () => {
    const none = await failure(uploadViaSftp(destination({ password: undefined }), "x.csv", Buffer.from("x")));
    expect(none).toMatchObject({ retryable: false, message: "The SFTP destination has neither a password nor a private key." });
    const badKey = await failure(uploadViaSftp(destination({ password: undefined, privateKey: "ssh-ed25519 AAAA... me@host" }), "x.csv", Buffer.from("x")));
    expect(badKey.retryable).toBe(false);
    expect(badKey.message).toContain("privateKey: Paste the whole private key");
  });

  it("a path the server refuses is final", async () => {
    writeFileSync(join(sftp.root, "a-file"), "not a directory");
    const error = await failure(uploadViaSftp(destination({ directory: "a-file/below" }), "x.csv", Buffer.from("x")));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^The SFTP server 127\.0\.0\.1:\d+ refused to create the folder "a-file\/below"/);
  });
});
