/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_OUTPUT=standalone npm run build: a self-contained server in .next/standalone.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Loaded with Node's own require: PGlite and the Prisma adapters load .wasm
  // and data files relative to their own package folders.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  // Pages and scripts are compressed; replies (SSE) say Cache-Control: no-transform,
  // which the compression middleware respects, so they are never buffered.
  compress: true,
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
