// The Content-Security-Policy of every page: scripts only from this origin and
// only with the request's nonce (Next.js puts it on its own scripts when the
// request carries this header), no framing, no plugins. Inline style
// attributes are allowed: React's style props and the markdown renderer use them.
export function pageSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // The code highlighter's worker (components/chat/code-highlighter.ts): under
    // 'strict-dynamic' a worker would otherwise need a nonce it cannot carry.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce for one page view. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
