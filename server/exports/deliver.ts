import type { DeliveryDestination } from "@/server/delivery/destinations";
import { uploadViaFtp } from "@/server/delivery/ftp";
import { uploadViaSftp } from "@/server/delivery/sftp";
import { sendMail } from "@/server/delivery/smtp";
import { env } from "@/server/env";
import { assertPublicHost } from "@/server/rules/webhook";
import { renderTemplate } from "@/server/templates/liquid";
import type { ExportDocument } from "./render";

/** Where a delivered document went, for the export log. */
export type DeliveryReceipt = string;

/**
 * Sends documents to the template's destination. Email sends one message per document when the
 * template renders one per order, else one for the batch; the document is the body or attached.
 */
export async function deliverDocuments(
  destination: DeliveryDestination,
  documents: ExportDocument[],
  context: { timezone: string; variables: Record<string, unknown> },
): Promise<DeliveryReceipt[]> {
  const receipts: DeliveryReceipt[] = [];
  for (const document of documents) receipts.push(await deliverOne(destination, document, context));
  return receipts;
}

export async function deliverOne(
  destination: DeliveryDestination,
  document: ExportDocument,
  context: { timezone: string; variables: Record<string, unknown> },
): Promise<DeliveryReceipt> {
  switch (destination.kind) {
    case "download":
      return `download ${document.fileName}`;
    case "email": {
      const subject = await renderTemplate(destination.subject, { ...context.variables, file_name: document.fileName }, { timezone: context.timezone });
      const isHtml = document.contentType.startsWith("text/html");
      const { messageId } = await sendMail({
        to: destination.to,
        cc: destination.cc,
        subject: subject.trim() || document.fileName,
        ...(destination.attach
          ? { text: `Attached: ${document.fileName}`, attachments: [{ filename: document.fileName, content: document.content, contentType: document.contentType }] }
          : isHtml
            ? { html: document.content.toString("utf8") }
            : { text: document.content.toString("utf8") }),
      });
      return `email to ${destination.to.join(", ")} (${messageId})`;
    }
    case "ftp": {
      await assertPublicHost(destination.host, env.WEBHOOK_ALLOWED_HOSTS, "exports may only go to servers on the internet (or hosts in WEBHOOK_ALLOWED_HOSTS)", "destination.host");
      const { remotePath } = await uploadViaFtp(destination, document.fileName, document.content);
      return `ftp://${destination.host}${remotePath}`;
    }
    case "sftp": {
      await assertPublicHost(destination.host, env.WEBHOOK_ALLOWED_HOSTS, "exports may only go to servers on the internet (or hosts in WEBHOOK_ALLOWED_HOSTS)", "destination.host");
      const { remotePath } = await uploadViaSftp(destination, document.fileName, document.content);
      return `sftp://${destination.host}${remotePath}`;
    }
  }
}
