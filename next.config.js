// Native and WASM database drivers stay outside the bundle so the one process-wide
// connection (see server/db.ts) is shared with the custom server.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
