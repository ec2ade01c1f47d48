import nodemailer, { type Transporter } from "nodemailer";
import { env, parseEnv, type Env } from "@/server/env";
import { DeliveryError, errorCode, messageOf, networkError, withTimeout } from "./errors";

export interface MailMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  replyTo?: string;
}

/** Most mail servers refuse messages past 25 MB (attachments grow by a third in base64). */
const MAX_MESSAGE_BYTES = 18 * 1024 * 1024;
const MAX_RECIPIENTS = 50;
const SEND_TIMEOUT_MS = 120_000;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

/** One pooled transporter per SMTP URL: connections are reused across sends. */
const transporters = new Map<string, Transporter>();

function transporterFor(url: string): Transporter {
  let transporter = transporters.get(url);
  if (!transporter) {
    const configured = new URL(url);
    // Options travel as URL parameters so anything the operator put in SMTP_URL still wins.
    const defaults = { pool: "true", maxConnections: "3", connectionTimeout: "15000", greetingTimeout: "15000", socketTimeout: "60000" };
    for (const [key, value] of Object.entries(defaults)) if (!configured.searchParams.has(key)) configured.searchParams.set(key, value);
    transporter = nodemailer.createTransport(configured.toString());
    transporters.set(url, transporter);
  }
  return transporter;
}

/** Closes pooled SMTP connections (on shutdown, and between tests). */
export function closeMailTransports(): void {
  for (const transporter of transporters.values()) transporter.close();
  transporters.clear();
}

function describeServer(url: string) {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === "smtps:" ? "465" : "587");
    return { host: parsed.hostname, where: `${parsed.hostname}:${port}` };
  } catch {
    return { host: "the mail server", where: "the mail server" };
  }
}

function toDeliveryError(error: unknown, url: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const { host, where } = describeServer(url);
  const code = errorCode(error);
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  const reply = typeof (error as { response?: unknown }).response === "string" ? (error as { response: string }).response : messageOf(error);
  if (code === "EAUTH" || code === "ENOAUTH") {
    return new DeliveryError(`The mail server ${where} refused the login: ${reply}. Check the user and password in SMTP_URL.`, { retryable: false, cause: error });
  }
  const network = networkError(error, where, host);
  if (network) return network;
  if (typeof responseCode === "number") {
    // SMTP's own rule: 4xx is "try again later", 5xx is final.
    const retryable = responseCode < 500;
    return new DeliveryError(`The mail server ${where} did not accept the message (${reply}).`, { retryable, cause: error });
  }
  if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS" || code === "ETIMEDOUT") {
    return new DeliveryError(`Could not send through ${where}: ${messageOf(error)}.`, { retryable: true, cause: error });
  }
  if (code === "EENVELOPE" || code === "EMESSAGE") {
    return new DeliveryError(`The message could not be sent: ${messageOf(error)}.`, { retryable: false, cause: error });
  }
  return new DeliveryError(`Sending the email through ${where} failed: ${messageOf(error)}.`, { retryable: true, cause: error });
}

function checkMessage(message: MailMessage) {
  const recipients = [...message.to, ...(message.cc ?? [])];
  if (message.to.length === 0) throw new DeliveryError("The email has no recipient.", { retryable: false });
  if (recipients.length > MAX_RECIPIENTS) throw new DeliveryError(`An email can go to at most ${MAX_RECIPIENTS} recipients.`, { retryable: false });
  const bad = recipients.find((address) => !EMAIL.test(address.trim()));
  if (bad !== undefined) throw new DeliveryError(`"${bad}" is not an email address.`, { retryable: false });
  if (message.replyTo !== undefined && !EMAIL.test(message.replyTo.trim())) {
    throw new DeliveryError(`"${message.replyTo}" is not an email address (reply-to).`, { retryable: false });
  }
  const size =
    Buffer.byteLength(message.text ?? "") + Buffer.byteLength(message.html ?? "") + (message.attachments ?? []).reduce((sum, a) => sum + a.content.length, 0);
  if (size > MAX_MESSAGE_BYTES) {
    throw new DeliveryError(`The email would be ${Math.ceil(size / 1024 / 1024)} MB; mail servers refuse messages that large. Send it by FTP or SFTP instead.`, {
      retryable: false,
    });
  }
}

/**
 * SMTP_URL and MAIL_FROM from `env`; a value set in process.env after start (tests, a reloaded
 * config) takes over, checked by the same schema.
 */
function serverTransport(): { url: string; from: string } | undefined {
  let live: Env;
  try {
    live = parseEnv({ SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM });
  } catch (error) {
    throw new DeliveryError(`Email is not set up correctly on this server: ${messageOf(error)}`, { retryable: false, cause: error });
  }
  const url = live.SMTP_URL ?? env.SMTP_URL;
  return url ? { url, from: process.env.MAIL_FROM ? live.MAIL_FROM : env.MAIL_FROM } : undefined;
}

/**
 * Sends one email through the server's SMTP server (SMTP_URL, from MAIL_FROM) or the given one.
 * Throws a DeliveryError saying whether trying again later can help.
 */
export async function sendMail(message: MailMessage, transport?: { url: string; from: string }): Promise<{ messageId: string }> {
  const target = transport ?? serverTransport();
  if (!target) throw new DeliveryError("Email is not set up on this server: set SMTP_URL.", { retryable: false });
  checkMessage(message);
  try {
    const transporter = transporterFor(target.url);
    const info = await withTimeout(
      transporter.sendMail({
        from: target.from,
        to: message.to,
        cc: message.cc?.length ? message.cc : undefined,
        replyTo: message.replyTo,
        // Header injection: a subject is one line.
        subject: message.subject.replace(/[\r\n]+/g, " "),
        text: message.text,
        html: message.html,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      }),
      SEND_TIMEOUT_MS,
      "Sending the email",
    );
    return { messageId: String(info.messageId ?? "") };
  } catch (error) {
    throw toDeliveryError(error, target.url);
  }
}
