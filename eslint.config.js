import js from "@eslint/js";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    plugins: { "react-hooks": reactHooks, drizzle },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react-hooks/set-state-in-effect": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A where-less update or delete would cross every store.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // The rule language stays pure: no framework, database, job runner or server code.
    files: ["rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "next", "next/*", "next-auth", "next-auth/*"], message: "rules/ is pure TypeScript." },
            { group: ["@xyflow/*", "reactflow", "drizzle-orm", "drizzle-orm/*", "inngest", "inngest/*", "@inngest/*"], message: "rules/ is pure TypeScript." },
            { group: ["@/server/*", "@/db/*", "@/app/*", "@/components/*", "../*"], message: "rules/ imports only zod and itself." },
          ],
        },
      ],
    },
  },
  {
    // Components render; data comes through tRPC. Only the permission table and types cross over.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db/*", "drizzle-orm", "drizzle-orm/*"], message: "Components never touch the database." },
            {
              regex: "^@/server/(?!permissions$|orders/money$)",
              allowTypeImports: true,
              message: "Components may import only types, the permission table and the pure money helpers from server/.",
            },
          ],
        },
      ],
    },
  },
);
