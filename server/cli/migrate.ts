// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded database when it
// is unset (refused while a server holds the embedded database; the server migrates on start anyway).
import { openDatabase } from "@/db/client";
import { databaseTarget } from "@/server/env";

try {
  const handle = await openDatabase(databaseTarget());
  await handle.migrate();
  await handle.close();
  console.log("Migrations applied.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
