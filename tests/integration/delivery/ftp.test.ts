import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FtpDestination } from "@/server/delivery/destinations";
import { uploadViaFtp } from "@/server/delivery/ftp";
import { canServeFtps, startFtpServer, type FtpServer } from "../../helpers/ftp-server";
import { deliveryFailure } from "../../helpers/delivery-failure";

let ftp: FtpServer;

beforeAll(async () => {
  ftp = await startFtpServer();
});
afterAll(async () => {
  await ftp?.stop();
  if (ftp) rmSync(ftp.root, { recursive: true, force: true });
});

const destination = (overrides: Partial<FtpDestination> = {}): FtpDestination => ({
  kind: "ftp",
  host: "127.0.0.1",
  port: ftp.port,
  username: ftp.username,
  password: ftp.password,
  secure: "none",
  allowSelfSigned: false,
  directory: "",
  ...overrides,
});

const failure = deliveryFailure;

describe("uploadViaFtp", () => {
  it("creates the directory and writes the bytes exactly, leaving no temporary file", async () => {
    const content = Buffer.from("id;name\n1;Zoë «Straße» 東京 ✓\n", "utf8");
    const result = await uploadViaFtp(destination({ directory: "exports/daily" }), "orders-1.csv", content);
    expect(result.remotePath).toBe("/exports/daily/orders-1.csv");
    expect(readFileSync(join(ftp.root, "exports", "daily", "orders-1.csv")).equals(content)).toBe(true);
    expect(readdirSync(join(ftp.root, "exports", "daily"))).toEqual(["orders-1.csv"]);
  });

  it("uploads 5 MB byte for byte into an absolute directory", async () => {
    const content = randomBytes(5 * 1024 * 1024);
    const { remotePath } = await uploadViaFtp(destination({ directory: "/big" }), "big.bin", content);
    expect(remotePath).toBe("/big/big.bin");
    expect(readFileSync(join(ftp.root, "big", "big.bin")).equals(content)).toBe(true);
    expect(readdirSync(join(ftp.root, "big"))).toEqual(["big.bin"]);
  });

  it("replaces a file of the same name", async () => {
    mkdirSync(join(ftp.root, "again"), { recursive: true });
    writeFileSync(join(ftp.root, "again", "same.xml"), "old old old old");
    await uploadViaFtp(destination({ directory: "again" }), "same.xml", Buffer.from("<new/>"));
    expect(readFileSync(join(ftp.root, "again", "same.xml"), "utf8")).toBe("<new/>");
    expect(readdirSync(join(ftp.root, "again"))).toEqual(["same.xml"]);
  });

  it("a wrong password is final (not retryable) and says so", async () => {
    const error = await failure(uploadViaFtp(destination({ password: "wrong", directory: "denied" }), "x.csv", Buffer.from("x")));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(new RegExp(`The FTP server 127\\.0\\.0\\.1:${ftp.port} refused the login for "${ftp.username}" \\(530`));
    expect(existsSync(join(ftp.root, "denied"))).toBe(false);
  });

  it("a stopped server is retryable with a readable message; after a restart the upload succeeds", async () => {
    await ftp.stop();
    try {
      const error = await failure(uploadViaFtp(destination({ directory: "later" }), "later.csv", Buffer.from("a,b\n")));
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`Could not connect to 127.0.0.1:${ftp.port} (connection refused).`);
    } finally {
      await ftp.start();
    }
    await uploadViaFtp(destination({ directory: "later" }), "later.csv", Buffer.from("a,b\n"));
    expect(readFileSync(join(ftp.root, "later", "later.csv"), "utf8")).toBe("a,b\n");
  });

  it("refuses bad configuration and unsafe file names before connecting", async () => {
    const badHost = await failure(uploadViaFtp(destination({ host: "ftp://example.com/in" }), "x.csv", Buffer.from("x")));
    expect(badHost.retryable).toBe(false);
    expect(badHost.message).toMatch(/^The FTP destination is not set up correctly: host: Enter the host name only/);
    const upward = await failure(uploadViaFtp(destination({ directory: "in/../../etc" }), "x.csv", Buffer.from("x")));
    expect(upward.message).toContain('directory: A folder cannot go up with "..".');
    for (const name of ["../x.csv", "a/b.csv", ".hidden", ""]) {
      const error = await failure(uploadViaFtp(destination(), name, Buffer.from("x")));
      expect(error.retryable).toBe(false);
    }
  });
});

describe.skipIf(!canServeFtps())("uploadViaFtp over FTPS", () => {
  it.each(["explicit", "implicit"] as const)("%s TLS: refuses the self-signed certificate unless allowed, then uploads", async (mode) => {
    const secure = await startFtpServer({ tls: mode });
    try {
      const config = { ...destination(), port: secure.port, username: secure.username, password: secure.password, secure: mode, directory: "tls" } as FtpDestination;
      const refused = await failure(uploadViaFtp(config, "secret.csv", Buffer.from("x")));
      expect(refused.retryable).toBe(false);
      expect(refused.message).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ failed: .*self[- ]signed.*allow it in the destination settings\.$/);
      const content = Buffer.from("id\n1\n");
      await uploadViaFtp({ ...config, allowSelfSigned: true }, "secret.csv", content);
      expect(readFileSync(join(secure.root, "tls", "secret.csv")).equals(content)).toBe(true);
    } finally {
      await secure.stop();
      rmSync(secure.root, { recursive: true, force: true });
    }
  });
});
