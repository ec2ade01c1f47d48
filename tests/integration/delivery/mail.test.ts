import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMailTransports, sendMail } from "@/server/delivery/smtp";
import { startMailServer, type MailServer } from "../../helpers/mail-server";
import { deliveryFailure } from "../../helpers/delivery-failure";

let mail: MailServer;
const FROM = "Switchyard <no-reply@switchyard.test>";

beforeAll(async () => {
  mail = await startMailServer();
});
afterAll(async () => {
  closeMailTransports();
  await mail?.stop();
});

const failure = deliveryFailure;

describe("sendMail", () => {
  it("delivers subject, recipients, text and the attachment's exact bytes", async () => {
    const csv = Buffer.from("order_id,name\n26211,Zoë «Straße» 東京\n", "utf8");
    const before = mail.messages.length;
    const { messageId } = await sendMail(
      {
        to: ["warehouse@example.com", "office@example.com"],
        cc: ["boss@example.com"],
        subject: "Orders 2024-05-01 — 1 order",
        text: "Attached: orders.csv",
        attachments: [{ filename: "orders.csv", content: csv, contentType: "text/csv" }],
        replyTo: "shop@example.com",
      },
      { url: mail.url, from: FROM },
    );
    expect(messageId).toMatch(/^<.+>$/);
    const [received] = (await mail.waitForMessages(before + 1)).slice(before);
    expect(received!.subject).toBe("Orders 2024-05-01 — 1 order");
    expect(received!.from?.text).toBe(FROM.replace("Switchyard", '"Switchyard"'));
    const to = Array.isArray(received!.to) ? received!.to : [received!.to];
    expect(to.flatMap((a) => a?.value.map((v) => v.address))).toEqual(["warehouse@example.com", "office@example.com"]);
    expect((Array.isArray(received!.cc) ? received!.cc : [received!.cc]).flatMap((a) => a?.value.map((v) => v.address))).toEqual(["boss@example.com"]);
    expect(received!.replyTo?.value[0]?.address).toBe("shop@example.com");
    expect(received!.text?.trim()).toBe("Attached: orders.csv");
    expect(received!.messageId).toBe(messageId);
    expect(received!.attachments).toHaveLength(1);
    expect(received!.attachments[0]!.filename).toBe("orders.csv");
    expect(received!.attachments[0]!.contentType).toBe("text/csv");
    expect(received!.attachments[0]!.content.equals(csv)).toBe(true);
  });

  it("sends an HTML body and keeps a subject to one line", async () => {
    const before = mail.messages.length;
    await sendMail({ to: ["a@example.com"], subject: "Line one\r\nBcc: evil@example.com", html: "<p>Hello <b>there</b></p>" }, { url: mail.url, from: FROM });
    const [received] = (await mail.waitForMessages(before + 1)).slice(before);
    expect(received!.subject).toBe("Line one Bcc: evil@example.com");
    expect(received!.bcc).toBeUndefined();
    expect(received!.html).toContain("<p>Hello <b>there</b></p>");
  });

  it("refuses bad recipients without trying", async () => {
    const error = await failure(sendMail({ to: ["not-an-address"], subject: "x", text: "x" }, { url: mail.url, from: FROM }));
    expect(error).toMatchObject({ retryable: false, message: '"not-an-address" is not an email address.' });
    expect((await failure(sendMail({ to: [], subject: "x", text: "x" }, { url: mail.url, from: FROM }))).retryable).toBe(false);
  });

  it.skipIf(Boolean(process.env.SMTP_URL))("says email is not set up when SMTP_URL is unset", async () => {
    const error = await failure(sendMail({ to: ["a@example.com"], subject: "x", text: "x" }));
    expect(error).toMatchObject({ retryable: false, message: "Email is not set up on this server: set SMTP_URL." });
  });

  it("a stopped server is retryable with a readable message; after a restart mail flows again", async () => {
    await mail.stop();
    try {
      const error = await failure(sendMail({ to: ["a@example.com"], subject: "down", text: "x" }, { url: mail.url, from: FROM }));
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`Could not connect to 127.0.0.1:${mail.port} (connection refused).`);
    } finally {
      await mail.start();
    }
    const before = mail.messages.length;
    await sendMail({ to: ["a@example.com"], subject: "back", text: "x" }, { url: mail.url, from: FROM });
    expect((await mail.waitForMessages(before + 1)).at(-1)!.subject).toBe("back");
  });

  it("a refused login is final (not retryable)", async () => {
    const guarded = await startMailServer({ auth: { username: "mailer", password: "right" } });
    try {
      const wrong = guarded.url.replace("mailer:right@", "mailer:wrong@");
      const error = await failure(sendMail({ to: ["a@example.com"], subject: "x", text: "x" }, { url: wrong, from: FROM }));
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(new RegExp(`^The mail server 127\\.0\\.0\\.1:${guarded.port} refused the login: .*535`));
      await sendMail({ to: ["a@example.com"], subject: "with login", text: "x" }, { url: guarded.url, from: FROM });
      expect((await guarded.waitForMessages(1))[0]!.subject).toBe("with login");
    } finally {
      await guarded.stop();
    }
  });
});
