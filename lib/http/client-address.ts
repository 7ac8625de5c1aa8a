// Which client a request came from, for per-address limits. The last
// X-Forwarded-For entry is the socket's peer (lib/http/peer-address.mjs appends
// it; on a serverless host the platform's proxy sets it). Entries further left
// were written by whoever sent the request: each is believed only when the hop
// that reported it is a proxy the operator declared (PARLEY_TRUSTED_PROXIES).
import proxyAddr from "proxy-addr";
import { getConfig } from "../config";

export function clientIp(request: Request): string {
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const peer = hops.pop();
  if (!peer) return "unknown";
  // proxy-addr walks from the peer towards the client, stopping at the first hop it may not trust.
  return proxyAddr({ headers: { "x-forwarded-for": hops.join(", ") }, socket: { remoteAddress: peer } } as never, getConfig().trustsProxy);
}
