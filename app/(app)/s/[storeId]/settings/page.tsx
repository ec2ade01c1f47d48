// Store settings: general (name, timezone, currency), folders, REST API keys, and archiving.
import { ApiKeys } from "@/components/stores/api-keys";
import { ArchiveStore } from "@/components/stores/archive-store";
import { FolderSettings } from "@/components/stores/folder-settings";
import { GeneralSettingsForm } from "@/components/stores/general-settings-form";
import { Card } from "@/components/ui/card";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <RequirePermission permission="settings.manage">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <Card title="General">
        <GeneralSettingsForm />
      </Card>
      <Card title="Folders" description="Orders are filed in folders. Rename, reorder or add your own.">
        <FolderSettings />
      </Card>
      <Card title="API keys" description="Keys for the Order Desk compatible REST API. Each key acts on this store only.">
        <ApiKeys />
      </Card>
      <Card title="Archive">
        <ArchiveStore />
      </Card>
    </RequirePermission>
  );
}
