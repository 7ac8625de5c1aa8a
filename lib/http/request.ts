import type { AuthRequest } from "../account";
import { clientIp } from "./client-address";

/** Whether the client reached us over HTTPS (directly or through a proxy that says so). */
export function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/** A request as the account service needs it (lib/account.ts). */
export function authRequest(request: Request): AuthRequest {
  return { request, clientAddress: clientIp(request), secure: isSecure(request) };
}

/** A JSON answer that also sets cookies. */
export function jsonWithCookies(body: unknown, cookies: string[], init: ResponseInit = {}): Response {
  const response = Response.json(body, init);
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}
