// Store dashboard.
import { StoreDashboard } from "@/components/stores/store-dashboard";

export const metadata = { title: "Dashboard" };

export default function StoreDashboardPage() {
  return <StoreDashboard />;
}
