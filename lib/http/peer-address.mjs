// Plain JavaScript: scripts/start.mjs installs this before the server listens,
// and instrumentation.ts installs it for a bare `node server.js`.
//
// The socket's peer is the one address of a request nobody can choose. Every
// request's X-Forwarded-For gets it appended, as a proxy would append the
// address it saw; lib/http/client-address.ts then walks the list from the end,
// through the proxies the operator trusts and no further.
import http from "node:http";

const INSTALLED = Symbol.for("parley.peerAddress");

export function appendPeerAddresses() {
  const proto = http.Server.prototype;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === "request") {
      const request = args[0];
      const peer = request.socket?.remoteAddress;
      if (peer) {
        const forwarded = request.headers["x-forwarded-for"];
        request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
      }
    }
    return emit.call(this, event, ...args);
  };
}
