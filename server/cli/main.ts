// `npm run cli -- <command>`: the operator CLI. Creates users, stores and API keys in the database
// the environment selects (DATABASE_URL, else the embedded one, refused while a server holds it).
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase, type Database } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { DomainError } from "@/server/errors";
import { databaseTarget, env } from "@/server/env";
import { createApiKeyCommand, createStoreCommand, createUserCommand, UsageError, type CommandOutput } from "./commands";
import { CliFailure, exportCommand, importCommand } from "./transfer-commands";

const USAGE = `Usage: npm run cli -- <command> [options] [--json]

  user:create     --email <email> --name <name> --password <password>
  store:create    --owner <email> --name <name> [--timezone <IANA zone>] [--currency <ISO code>]
  api-key:create  --store <id or exact name> [--name <key name>]   prints the store id and the key
  import          --store <id> --type orders|inventory|shipments --file <path> [--template <name>]
                  [--mode valid_rows|all_or_nothing]   (no template: Shopify exports are recognised,
                  other files are mapped by their headers)
  export          --store <id> --template <name> [--orders <id,id>] [--again] [--out <file>]

Uses DATABASE_URL when set, else the embedded database in PGLITE_DIR (stop the server first).
--json prints the result as one JSON object, for scripts.`;

const COMMANDS: Record<string, (db: Database, options: Record<string, string | undefined>) => Promise<CommandOutput>> = {
  "user:create": createUserCommand,
  "store:create": createStoreCommand,
  "api-key:create": (db, options) => createApiKeyCommand(db, options, env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`),
  import: (db, options) => importCommand(db, options, (line) => process.stderr.write(`${line}\n`)),
  export: exportCommand,
};

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      owner: { type: "string" },
      timezone: { type: "string" },
      currency: { type: "string" },
      store: { type: "string" },
      type: { type: "string" },
      file: { type: "string" },
      template: { type: "string" },
      mode: { type: "string" },
      orders: { type: "string" },
      out: { type: "string" },
      again: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
  const run = COMMANDS[command];
  if (!run) fail(`Unknown command "${command}".\n\n${USAGE}`, 2);

  const { json, help: _help, again, ...rest } = values;
  const options = { ...rest, again: again ? "true" : undefined };
  const handle = await openDatabase(databaseTarget());
  try {
    await handle.migrate();
    const output = await run(handle.db, options);
    console.log(json ? JSON.stringify(output.data) : output.lines.join("\n"));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CliFailure) {
    console.log(process.argv.includes("--json") ? JSON.stringify(error.data) : error.lines.join("\n"));
    process.exit(1);
  }
  if (error instanceof UsageError) fail(`${error.message}\n\n${USAGE}`, 2);
  if (error instanceof z.ZodError) fail(error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  if (error instanceof DomainError || error instanceof DatabaseLockedError) fail(error.message);
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) fail(`${error.message}\n\n${USAGE}`, 2);
  console.error(error);
  process.exit(1);
});
