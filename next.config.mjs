/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone: what `npm start` runs, and what a deploy copies.
  output: "standalone",
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
