// Runs once when the server starts, before it handles requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Already installed by scripts/start.mjs under `npm start`; needed for a bare `node server.js`.
    const { appendPeerAddresses } = await import("./lib/http/peer-address.mjs");
    appendPeerAddresses();
    const { onServerStart } = await import("./lib/server-start");
    onServerStart();
  }
}
