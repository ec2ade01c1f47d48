import { describe, expect, it } from "vitest";
import { deliveryDestination, SECRET_FIELDS } from "@/server/delivery/destinations";

const messages = (value: unknown) => {
  const result = deliveryDestination.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("delivery destination schemas", () => {
  it("fills defaults: ports, empty FTP password, no self-signed certificates, the login directory", () => {
    expect(deliveryDestination.parse({ kind: "ftp", host: "ftp.example.com", username: "u", secure: "explicit" })).toEqual({
      kind: "ftp",
      host: "ftp.example.com",
      port: 21,
      username: "u",
      password: "",
      secure: "explicit",
      allowSelfSigned: false,
      directory: "",
    });
    expect(deliveryDestination.parse({ kind: "sftp", host: "[2001:db8::1]", username: "u", password: "p" })).toMatchObject({
      host: "2001:db8::1",
      port: 22,
      directory: "",
    });
    expect(deliveryDestination.parse({ kind: "download" })).toEqual({ kind: "download" });
  });

  it.each([
    [{ kind: "ftp", host: "ftp://ftp.example.com", username: "u", secure: "none" }, "host: Enter the host name only, without ftp:// or sftp://."],
    [{ kind: "ftp", host: "ftp.example.com/in", username: "u", secure: "none" }, "host: Enter a host name such as ftp.example.com or an IP address (no path, no port)."],
    [{ kind: "ftp", host: "h", port: 70000, username: "u", secure: "none" }, "port: Ports run from 1 to 65535."],
    [{ kind: "ftp", host: "h", username: "u", secure: "tls" }, "secure: "],
    [{ kind: "ftp", host: "h", username: "u", secure: "none", directory: "../up" }, 'directory: A folder cannot go up with "..".'],
    [{ kind: "sftp", host: "h", username: "u", privateKey: "ssh-rsa AAAA" }, "privateKey: Paste the whole private key, from -----BEGIN to -----END (without a passphrase)."],
    [{ kind: "sftp", host: "h", username: "u", hostFingerprint: "MD5:aa:bb" }, 'hostFingerprint: Expected a fingerprint such as "SHA256:" followed by 43 characters.'],
    [{ kind: "email", to: [], subject: "s", attach: true }, "to: Enter at least one recipient."],
    [{ kind: "email", to: ["x@"], subject: "s", attach: true }, "to.0: Enter valid email addresses."],
    [{ kind: "email", to: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`), subject: "s", attach: true }, "to: At most 20 recipients."],
    [{ kind: "email", to: ["a@example.com"], subject: "{% if %}", attach: true }, "subject: Line 1, column 6: invalid value expression"],
    [{ kind: "smoke-signals" }, "kind: "],
  ])("refuses %j", (value, message) => {
    expect(messages(value).join("\n")).toContain(message);
  });

  it("lets a form keep stored secrets by leaving them empty", () => {
    expect(messages({ kind: "sftp", host: "h", username: "u", password: "", privateKey: "" })).toEqual([]);
    expect(SECRET_FIELDS).toEqual(["password", "privateKey"]);
  });

  it("trims recipients", () => {
    const parsed = deliveryDestination.parse({ kind: "email", to: [" a@example.com "], cc: ["b@example.com"], subject: "Orders {{ 'now' | local_date: '%Y-%m-%d' }}", attach: false });
    expect(parsed).toMatchObject({ to: ["a@example.com"], cc: ["b@example.com"] });
  });
});
