import type { AuthRequest } from "../account";
import { getConfig } from "../config";
import { clientIp } from "./client-address";

/** Whether the client reached us over HTTPS (directly or through a proxy that says so). */
export function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * Where the client reached us, for links we hand out: PARLEY_PUBLIC_URL when set,
 * else the Host it asked for (request.url holds the address the server listens on).
 */
export function publicOrigin(request: Request): string {
  const configured = getConfig().publicUrl;
  if (configured) return configured;
  const host = request.headers.get("host") ?? new URL(request.url).host;
  return `${isSecure(request) ? "https" : "http"}://${host}`;
}

/** A request as the account service needs it (lib/account.ts). */
export function authRequest(request: Request): AuthRequest {
  return { request, clientAddress: clientIp(request), secure: isSecure(request) };
}

/** The response, also setting these cookies (Set-Cookie headers from lib/account.ts). */
export function withCookies<R extends Response>(response: R, cookies: string[]): R {
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}

/** A JSON answer that also sets cookies. */
export function jsonWithCookies(body: unknown, cookies: string[], init: ResponseInit = {}): Response {
  return withCookies(Response.json(body, init), cookies);
}
