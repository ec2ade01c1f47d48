"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { CodeField, MonoTextField } from "./code-field";
import type { ExportDraft, FtpSecure } from "./draft";
import { errorAt } from "./field-errors";
import { DESTINATION_LABELS } from "./labels";
import type { DestinationKind, SavedExportTemplate } from "./types";

const STORED = "Stored — leave empty to keep";

/**
 * Where the files go. Secrets are never sent back to the browser: when one is stored for this
 * kind, its input says so and an empty input keeps it.
 */
export function DestinationFields({
  draft,
  onChange,
  errors,
  saved,
}: {
  draft: ExportDraft;
  onChange: (next: ExportDraft) => void;
  errors: Record<string, string | undefined>;
  saved?: SavedExportTemplate;
}) {
  const { email, remote, kind } = draft;
  const setEmail = (patch: Partial<ExportDraft["email"]>) => onChange({ ...draft, email: { ...email, ...patch } });
  const setRemote = (patch: Partial<ExportDraft["remote"]>) => onChange({ ...draft, remote: { ...remote, ...patch } });
  const err = (key: string) => errorAt(errors, `destination.${key}`);
  // A stored secret belongs to the saved kind; switching FTP -> SFTP starts without one.
  const savedKind = (saved?.destination as { kind?: DestinationKind } | undefined)?.kind;
  const stored = (field: "password" | "privateKey") => savedKind === kind && saved?.storedSecrets?.[field] === true;

  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">Destination</legend>
      <SelectField label="Send to" value={kind} onChange={(e) => onChange({ ...draft, kind: e.target.value as DestinationKind })} error={err("kind")}>
        {(Object.keys(DESTINATION_LABELS) as DestinationKind[]).map((k) => (
          <option key={k} value={k}>
            {k === "download" ? "Download (save the file in the browser)" : DESTINATION_LABELS[k]}
          </option>
        ))}
      </SelectField>

      {kind === "email" ? (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="To" value={email.to} onChange={(e) => setEmail({ to: e.target.value })} placeholder="orders@partner.example" error={err("to")} hint="Several addresses separated by commas." />
            <TextField label="Cc" value={email.cc} onChange={(e) => setEmail({ cc: e.target.value })} placeholder="Optional" error={err("cc")} />
          </div>
          <TextField label="Subject" value={email.subject} onChange={(e) => setEmail({ subject: e.target.value })} error={err("subject")} hint="Liquid; file_name, order_count and store_name are available." />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">The file goes</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm text-slate-700">
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="email-attach" checked={email.attach} onChange={() => setEmail({ attach: true })} />
                As an attachment
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="email-attach" checked={!email.attach} onChange={() => setEmail({ attach: false })} />
                In the message body
              </label>
            </div>
          </fieldset>
        </div>
      ) : null}

      {kind === "ftp" || kind === "sftp" ? (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
            <TextField label="Host" value={remote.host} onChange={(e) => setRemote({ host: e.target.value })} placeholder="ftp.partner.example" autoComplete="off" error={err("host")} />
            <TextField label="Port" value={remote.port} onChange={(e) => setRemote({ port: e.target.value })} inputMode="numeric" placeholder={kind === "ftp" ? "21" : "22"} error={err("port")} />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Username" value={remote.username} onChange={(e) => setRemote({ username: e.target.value })} autoComplete="off" error={err("username")} />
            <TextField
              label="Password"
              type="password"
              value={remote.password}
              onChange={(e) => setRemote({ password: e.target.value })}
              autoComplete="new-password"
              placeholder={stored("password") ? STORED : kind === "sftp" ? "Or use a private key" : undefined}
              error={err("password")}
            />
          </div>
          {kind === "ftp" ? (
            <div className="space-y-2">
              <SelectField label="Encryption" value={remote.secure} onChange={(e) => setRemote({ secure: e.target.value as FtpSecure })} error={err("secure")}>
                <option value="explicit">Explicit TLS (FTPES, recommended)</option>
                <option value="implicit">Implicit TLS (FTPS, usually port 990)</option>
                <option value="none">None (plain FTP: the password travels unencrypted)</option>
              </SelectField>
              {remote.secure !== "none" ? (
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={remote.allowSelfSigned} onChange={(e) => setRemote({ allowSelfSigned: e.target.checked })} />
                  Accept a self-signed certificate
                </label>
              ) : null}
            </div>
          ) : (
            <>
              <CodeField
                label="Private key"
                rows={4}
                value={remote.privateKey}
                onChange={(e) => setRemote({ privateKey: e.target.value })}
                placeholder={stored("privateKey") ? STORED : "-----BEGIN OPENSSH PRIVATE KEY-----"}
                error={err("privateKey")}
                hint="Instead of (or with) the password, without a passphrase. Stored encrypted; never shown again."
              />
              <MonoTextField
                label="Host key fingerprint"
                value={remote.hostFingerprint}
                onChange={(e) => setRemote({ hostFingerprint: e.target.value })}
                placeholder="Optional: SHA256:…"
                error={err("hostFingerprint")}
                hint="When set, a server presenting any other key is refused (ssh-keygen -lf shows it)."
              />
            </>
          )}
          <TextField
            label="Directory"
            value={remote.directory}
            onChange={(e) => setRemote({ directory: e.target.value })}
            placeholder="The login directory"
            error={err("directory")}
            hint="“exports/daily” is below the login directory, “/in/orders” is absolute; created if missing."
          />
        </div>
      ) : null}
    </fieldset>
  );
}
