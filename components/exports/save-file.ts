/**
 * Saves text the server rendered as a file, through a temporary Blob link (the browser's own
 * download, so it lands in the person's downloads folder with the template's file name).
 */
export function saveFile(fileName: string, content: string, contentType: string) {
  const url = URL.createObjectURL(new Blob([content], { type: contentType || "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
