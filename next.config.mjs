import createNextIntlPlugin from "next-intl/plugin";

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
  // Sent with every answer. Pages also get a Content-Security-Policy with a fresh
  // script nonce from proxy.ts. (API answers are marked no-store by lib/http/route.ts:
  // a Cache-Control here would replace the replies' no-transform and get them compressed.)
  async headers() {
    const everywhere = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
      { key: "X-Frame-Options", value: "DENY" },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        source: "/v1/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        // Shared chats: not for search engines, and their secret address is not sent on when a reader follows a link.
        source: "/s/:id",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

// next-intl finds its per-request configuration in i18n/request.ts.
const withNextIntl = createNextIntlPlugin();

export default withNextIntl(nextConfig);
