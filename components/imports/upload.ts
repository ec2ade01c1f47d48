import type { ImportTarget, UploadResult } from "./types";

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/**
 * Sends the file as the request body (no multipart, so any size streams straight to disk) with
 * XMLHttpRequest, the one browser API that reports upload progress.
 */
export function uploadImportFile(
  upload: { storeId: number; file: File; target: ImportTarget; templateId?: number },
  onProgress: (fraction: number) => void,
): { done: Promise<UploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ target: upload.target });
  if (upload.templateId) query.set("templateId", String(upload.templateId));
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.open("POST", `/api/stores/${upload.storeId}/imports?${query}`);
    xhr.setRequestHeader("x-file-name", encodeURIComponent(upload.file.name));
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (Partial<UploadResult> & { error?: string; field?: string }) | null;
      if (xhr.status === 201 && body?.run) return resolve(body as UploadResult);
      if (xhr.status === 401) {
        window.location.assign(`/signin?reason=expired&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      }
      reject(new UploadError(body?.error ?? `The upload failed (HTTP ${xhr.status}). Try again.`, xhr.status, body?.field));
    };
    xhr.onerror = () => reject(new UploadError("The upload was cut off. Check your connection and try again.", 0));
    xhr.onabort = () => reject(new UploadError("Upload canceled.", 0));
    xhr.send(upload.file);
  });
  return { done, abort: () => xhr.abort() };
}
