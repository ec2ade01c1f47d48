import type { Destination, DestinationKind, ExportFormat, ExportMode, ExportTemplateInput, SavedExportTemplate } from "./types";

export type FtpSecure = "none" | "explicit" | "implicit";

/**
 * The editor's working copy: every input as text, and each destination kind's fields kept
 * apart, so switching from FTP to email and back does not lose what was typed.
 */
export interface ExportDraft {
  name: string;
  format: ExportFormat;
  mode: ExportMode;
  body: string;
  filenamePattern: string;
  kind: DestinationKind;
  email: { to: string; cc: string; subject: string; attach: boolean };
  remote: {
    host: string;
    port: string;
    username: string;
    password: string;
    privateKey: string;
    secure: FtpSecure;
    allowSelfSigned: boolean;
    hostFingerprint: string;
    directory: string;
  };
  sourceFolderId: string;
  moveToFolderId: string;
  schedule: string;
}

export const EMPTY_DRAFT: ExportDraft = {
  name: "",
  format: "csv",
  mode: "batch",
  body: "",
  filenamePattern: "",
  kind: "download",
  email: { to: "", cc: "", subject: "{{ store_name }}: {{ file_name }}", attach: true },
  remote: { host: "", port: "", username: "", password: "", privateKey: "", secure: "explicit", allowSelfSigned: false, hostFingerprint: "", directory: "" },
  sourceFolderId: "",
  moveToFolderId: "",
  schedule: "",
};

const list = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

type Loose = Partial<Record<string, unknown>>;
const str = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

export function draftOf(saved: SavedExportTemplate | undefined): ExportDraft {
  if (!saved) return EMPTY_DRAFT;
  const d = saved.destination as Loose;
  const kind = (d.kind as DestinationKind | undefined) ?? "download";
  return {
    name: saved.name,
    format: saved.format,
    mode: saved.mode,
    body: saved.body,
    filenamePattern: saved.filenamePattern,
    kind,
    email:
      kind === "email"
        ? { to: ((d.to as string[] | undefined) ?? []).join(", "), cc: ((d.cc as string[] | undefined) ?? []).join(", "), subject: str(d.subject), attach: d.attach !== false }
        : EMPTY_DRAFT.email,
    remote:
      kind === "ftp" || kind === "sftp"
        ? {
            host: str(d.host),
            port: str(d.port),
            username: str(d.username),
            password: "",
            privateKey: "",
            secure: ((d.secure as FtpSecure | undefined) ?? "explicit") as FtpSecure,
            allowSelfSigned: d.allowSelfSigned === true,
            hostFingerprint: str(d.hostFingerprint),
            directory: str(d.directory),
          }
        : EMPTY_DRAFT.remote,
    sourceFolderId: saved.sourceFolderId === null ? "" : String(saved.sourceFolderId),
    moveToFolderId: saved.moveToFolderId === null ? "" : String(saved.moveToFolderId),
    schedule: saved.schedule ?? "",
  };
}

/** The destination as the server validates it (file names come from the template's pattern). */
function destinationOf(draft: ExportDraft): Destination {
  const { email, remote } = draft;
  const port = (fallback: number) => (remote.port.trim() === "" ? fallback : Number(remote.port));
  switch (draft.kind) {
    case "email":
      return { kind: "email", to: list(email.to), cc: list(email.cc), subject: email.subject, attach: email.attach };
    case "ftp":
      return {
        kind: "ftp",
        host: remote.host,
        port: port(21),
        username: remote.username,
        password: remote.password,
        secure: remote.secure,
        allowSelfSigned: remote.allowSelfSigned,
        directory: remote.directory,
      };
    case "sftp":
      return {
        kind: "sftp",
        host: remote.host,
        port: port(22),
        username: remote.username,
        password: remote.password || undefined,
        privateKey: remote.privateKey || undefined,
        hostFingerprint: remote.hostFingerprint.trim() || undefined,
        directory: remote.directory,
      };
    default:
      return { kind: "download" };
  }
}

const folder = (value: string) => (value === "" ? null : Number(value));

export function inputOf(draft: ExportDraft): ExportTemplateInput {
  return {
    name: draft.name,
    format: draft.format,
    mode: draft.mode,
    body: draft.body,
    filenamePattern: draft.filenamePattern,
    destination: destinationOf(draft),
    sourceFolderId: folder(draft.sourceFolderId),
    moveToFolderId: folder(draft.moveToFolderId),
    schedule: draft.schedule.trim() || null,
  };
}
