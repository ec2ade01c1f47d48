// Native and WASM database drivers stay outside the bundle so the one process-wide
// connection (see server/db.ts) is shared with the custom server; ssh2 (SFTP) ships a native
// addon the bundler cannot place, and exceljs streams zip files with Node's own modules.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "pino", "ssh2", "ssh2-sftp-client", "exceljs"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
