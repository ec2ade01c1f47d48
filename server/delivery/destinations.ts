import { isIP } from "node:net";
import { z } from "zod";
import { checkTemplate, TemplateError } from "@/server/templates/liquid";

/**
 * Where an export goes, as saved with the export template. Passwords and private keys are stored
 * sealed (SECRET_FIELDS); the transports receive them opened.
 */

/** A Liquid template field: checked when saved, so a typo shows in the form, not in the job log. */
const liquidTemplate = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required.")
    .max(max)
    .superRefine((source, ctx) => {
      try {
        checkTemplate(source);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
      }
    });

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

const host = z
  .string()
  .trim()
  .min(1, "Enter the server's host name.")
  .transform((value) => value.replace(/^\[(.*)\]$/, "$1"))
  .refine((value) => !/^[a-z]+:\/\//i.test(value), "Enter the host name only, without ftp:// or sftp://.")
  .refine((value) => HOST_NAME.test(value) || isIP(value) !== 0, "Enter a host name such as ftp.example.com or an IP address (no path, no port).");

const port = (fallback: number) => z.number().int().min(1, "Ports run from 1 to 65535.").max(65535, "Ports run from 1 to 65535.").default(fallback);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** "" is the login directory; "exports/daily" is below it; "/in/orders" is absolute. Created if missing. */
const directory = z
  .string()
  .trim()
  .max(500)
  .default("")
  .refine((value) => !CONTROL.test(value) && !value.includes("\\"), "Use / between folder names; control characters are not allowed.")
  .refine((value) => !value.split("/").includes(".."), 'A folder cannot go up with "..".');

const emailAddress = z.string().trim().pipe(z.email("Enter valid email addresses."));

const username = z.string().trim().min(1, "Enter the user name.").max(200);

export const emailDestination = z.object({
  kind: z.literal("email"),
  to: z.array(emailAddress).min(1, "Enter at least one recipient.").max(20, "At most 20 recipients."),
  cc: z.array(emailAddress).max(20, "At most 20 recipients.").optional(),
  /** A Liquid template (e.g. "Orders {{ 'now' | local_date: '%Y-%m-%d' }}"). */
  subject: liquidTemplate(500),
  /** true: the document is attached; false: the rendered document is the message body. */
  attach: z.boolean().default(true),
});

export const ftpDestination = z.object({
  kind: z.literal("ftp"),
  host,
  port: port(21),
  username,
  password: z.string().max(500).default(""),
  /** "explicit": AUTH TLS on the normal port (FTPS); "implicit": TLS from the start (usually port 990). */
  secure: z.enum(["none", "explicit", "implicit"]),
  /** Accept a self-signed or otherwise unverifiable certificate (FTPS only). */
  allowSelfSigned: z.boolean().default(false),
  directory,
});

const PRIVATE_KEY = /^-----BEGIN ((RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----[\s\S]+-----END ((RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----\s*$/;

/**
 * A password, a private key or both. Neither is required here: a form leaves a stored secret's
 * field empty to keep it, so the SFTP transport is what refuses a login with neither.
 */
export const sftpDestination = z.object({
  kind: z.literal("sftp"),
  host,
  port: port(22),
  username,
  password: z.string().max(500).optional(),
  /** An unencrypted private key in PEM or OpenSSH format. */
  privateKey: z
    .string()
    .trim()
    .max(20_000)
    .optional()
    .refine((value) => !value || PRIVATE_KEY.test(value), "Paste the whole private key, from -----BEGIN to -----END (without a passphrase)."),
  /** The server's host key as `ssh-keygen -lf` shows it ("SHA256:..."); when set, any other key is refused. */
  hostFingerprint: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(value), 'Expected a fingerprint such as "SHA256:" followed by 43 characters.'),
  directory,
});

export const downloadDestination = z.object({ kind: z.literal("download") });

export const deliveryDestination = z.discriminatedUnion("kind", [emailDestination, ftpDestination, sftpDestination, downloadDestination]);

export type EmailDestination = z.infer<typeof emailDestination>;
export type FtpDestination = z.infer<typeof ftpDestination>;
export type SftpDestination = z.infer<typeof sftpDestination>;
export type DownloadDestination = z.infer<typeof downloadDestination>;
export type DeliveryDestination = z.infer<typeof deliveryDestination>;
/** What a form submits (defaults not yet applied). */
export type DeliveryDestinationInput = z.input<typeof deliveryDestination>;

/** The fields the database layer seals before storing and opens before delivering. */
export const SECRET_FIELDS = ["password", "privateKey"] as const;
