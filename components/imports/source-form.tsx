"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CodeField, MonoTextField } from "@/components/exports/code-field";
import { errorAt, otherErrors } from "@/components/exports/field-errors";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ImportTemplate } from "./types";

const STORED = "Stored — leave empty to keep";

type Kind = "none" | "ftp" | "sftp";
type FtpSecure = "none" | "explicit" | "implicit";
type AfterImport = "move" | "delete" | "leave";
type Mode = "valid_rows" | "all_or_nothing";

/** The form's working copy: every input as text. */
interface SourceDraft {
  kind: Kind;
  host: string;
  port: string;
  username: string;
  password: string;
  privateKey: string;
  secure: FtpSecure;
  allowSelfSigned: boolean;
  hostFingerprint: string;
  directory: string;
  pattern: string;
  afterImport: AfterImport;
  schedule: string;
  mode: Mode;
}

const str = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

function draftOf(template: ImportTemplate): SourceDraft {
  const s = (template.source ?? {}) as Partial<Record<string, unknown>>;
  return {
    kind: (s.kind as Kind | undefined) ?? "none",
    host: str(s.host),
    port: str(s.port),
    username: str(s.username),
    password: "",
    privateKey: "",
    secure: (s.secure as FtpSecure | undefined) ?? "explicit",
    allowSelfSigned: s.allowSelfSigned === true,
    hostFingerprint: str(s.hostFingerprint),
    directory: str(s.directory),
    pattern: str(s.pattern) || "*.csv",
    afterImport: (s.afterImport as AfterImport | undefined) ?? "move",
    schedule: template.schedule ?? "",
    mode: template.mode,
  };
}

function sourceOf(d: SourceDraft) {
  const port = (fallback: number) => (d.port.trim() === "" ? fallback : Number(d.port));
  const common = { host: d.host, username: d.username, directory: d.directory, pattern: d.pattern, afterImport: d.afterImport };
  if (d.kind === "ftp") return { kind: "ftp" as const, ...common, port: port(21), password: d.password, secure: d.secure, allowSelfSigned: d.allowSelfSigned };
  if (d.kind === "sftp") {
    return {
      kind: "sftp" as const,
      ...common,
      port: port(22),
      password: d.password || undefined,
      privateKey: d.privateKey || undefined,
      hostFingerprint: d.hostFingerprint.trim() || undefined,
    };
  }
  return null;
}

const SHOWN = ["source", "schedule", "mode"] as const;

/**
 * Where a saved import template fetches files from (an FTP or SFTP folder), which files, what
 * happens to them after, and when. Secrets never come back to the browser: a stored one shows as
 * such, and an empty input keeps it.
 */
export function ImportSourceForm({ storeId, template, timezone, onDone }: { storeId: number; template: ImportTemplate; timezone: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(template));
  const save = useMutation(
    trpc.import.setSource.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.import.templates.pathKey() });
        onDone();
      },
    }),
  );
  const set = <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errors = fieldErrors(save.error);
  const err = (key: string) => errorAt(errors, key);
  const savedKind = (template.source as { kind?: Kind } | null)?.kind;
  const stored = (field: "password" | "privateKey") => savedKind === draft.kind && template.storedSecrets[field] === true;
  const rest = otherErrors(errors, SHOWN);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const source = sourceOf(draft);
    save.mutate({ storeId, templateId: template.id, source, schedule: source ? draft.schedule.trim() || null : null, mode: draft.mode });
  };

  return (
    <form onSubmit={submit} className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4" aria-label={`Fetching for ${template.name}`}>
      <SelectField label="Fetch files from" value={draft.kind} onChange={(e) => set("kind", e.target.value as Kind)} error={err("source.kind")}>
        <option value="none">Nowhere (uploads only)</option>
        <option value="sftp">An SFTP server</option>
        <option value="ftp">An FTP server</option>
      </SelectField>

      {draft.kind !== "none" ? (
        <>
          <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
            <TextField label="Host" value={draft.host} onChange={(e) => set("host", e.target.value)} placeholder="ftp.partner.example" autoComplete="off" error={err("source.host")} />
            <TextField label="Port" value={draft.port} onChange={(e) => set("port", e.target.value)} inputMode="numeric" placeholder={draft.kind === "ftp" ? "21" : "22"} error={err("source.port")} />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Username" value={draft.username} onChange={(e) => set("username", e.target.value)} autoComplete="off" error={err("source.username")} />
            <TextField
              label="Password"
              type="password"
              value={draft.password}
              onChange={(e) => set("password", e.target.value)}
              autoComplete="new-password"
              placeholder={stored("password") ? STORED : draft.kind === "sftp" ? "Or use a private key" : undefined}
              error={err("source.password")}
            />
          </div>
          {draft.kind === "ftp" ? (
            <div className="space-y-2">
              <SelectField label="Encryption" value={draft.secure} onChange={(e) => set("secure", e.target.value as FtpSecure)} error={err("source.secure")}>
                <option value="explicit">Explicit TLS (FTPES, recommended)</option>
                <option value="implicit">Implicit TLS (FTPS, usually port 990)</option>
                <option value="none">None (plain FTP: the password travels unencrypted)</option>
              </SelectField>
              {draft.secure !== "none" ? (
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={draft.allowSelfSigned} onChange={(e) => set("allowSelfSigned", e.target.checked)} />
                  Accept a self-signed certificate
                </label>
              ) : null}
            </div>
          ) : (
            <>
              <CodeField
                label="Private key"
                rows={3}
                value={draft.privateKey}
                onChange={(e) => set("privateKey", e.target.value)}
                placeholder={stored("privateKey") ? STORED : "-----BEGIN OPENSSH PRIVATE KEY-----"}
                error={err("source.privateKey")}
                hint="Instead of (or with) the password, without a passphrase. Stored encrypted; never shown again."
              />
              <MonoTextField
                label="Host key fingerprint"
                value={draft.hostFingerprint}
                onChange={(e) => set("hostFingerprint", e.target.value)}
                placeholder="Optional: SHA256:…"
                error={err("source.hostFingerprint")}
                hint="When set, a server presenting any other key is refused (ssh-keygen -lf shows it)."
              />
            </>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Directory"
              value={draft.directory}
              onChange={(e) => set("directory", e.target.value)}
              placeholder="The login directory"
              error={err("source.directory")}
              hint="“outbox/orders” is below the login directory, “/out/orders” is absolute."
            />
            <MonoTextField
              label="Files"
              value={draft.pattern}
              onChange={(e) => set("pattern", e.target.value)}
              error={err("source.pattern")}
              hint="* is any text, ? one character; several patterns separated by commas (*.csv, *.xlsx)."
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="After import" value={draft.afterImport} onChange={(e) => set("afterImport", e.target.value as AfterImport)} error={err("source.afterImport")}>
              <option value="move">Move the file to processed/</option>
              <option value="delete">Delete the file</option>
              <option value="leave">Leave it (it is not imported again)</option>
            </SelectField>
            <SelectField label="Rows with problems" value={draft.mode} onChange={(e) => set("mode", e.target.value as Mode)} error={err("mode")}>
              <option value="valid_rows">Import the valid rows, report the rest</option>
              <option value="all_or_nothing">Import nothing if any row fails</option>
            </SelectField>
          </div>
          <MonoTextField
            label="Schedule (cron)"
            value={draft.schedule}
            onChange={(e) => set("schedule", e.target.value)}
            placeholder="Leave empty to fetch only with Check now"
            error={err("schedule")}
            hint={`*/15 * * * * = every 15 minutes; 0 6 * * 1-5 = weekdays at 06:00, store time (${timezone}). Each check imports the files it has not imported yet.`}
          />
        </>
      ) : (
        <p className="text-sm text-slate-500">Saving stops scheduled fetching for this template; files already imported stay imported.</p>
      )}

      {rest.length ? <Notice tone="error">{rest.join(" ")}</Notice> : null}
      {save.isError && formError(save.error) ? <Notice tone="error">{formError(save.error)}</Notice> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
