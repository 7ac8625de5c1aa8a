// The frame of every API route: errors become the JSON error shape, answers
// hold user data and are never cached, and the caller's identity is resolved
// before the handler runs.
import { requireIdentity, type Identity } from "../auth/identity";
import { errorResponse, toErrorResponse } from "./errors";

type Params = Record<string, string>;
type Context<P> = { params: Promise<P> };

/** A handler's answer, never cached, with whatever it throws turned into an answer by `onError`. */
export function framed<P>(handler: (request: Request, params: P) => Promise<Response>, onError: (error: unknown) => Response | Promise<Response>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      const response = await handler(request, await context.params);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return onError(error);
    }
  };
}

export function route<P extends Params = Params>(handler: (request: Request, params: P) => Promise<Response>) {
  return framed(handler, toErrorResponse);
}

/** A route for signed-in callers (token or cookie). */
export function authedRoute<P extends Params = Params>(handler: (request: Request, identity: Identity, params: P) => Promise<Response>) {
  return route<P>(async (request, params) => handler(request, await requireIdentity(request), params));
}

type Refusal = (() => Promise<Response>) & { refusesMethod: true };
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Handlers for the methods a route does not serve: 405 in the API's error
 * shape, with Allow naming the ones it does (Next.js's own 405 has no body).
 * A route exports the ones it lacks: `export const { PUT, DELETE } = otherMethods("GET", "POST")`.
 */
export function otherMethods(...allowed: Method[]): Record<Method, Refusal> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  // Marked, so the OpenAPI test can tell a refusal from a route.
  const refuse: Refusal = Object.assign(async () => errorResponse(405, "method_not_allowed", `This path answers ${allowed.join(", ")} only.`, { allow }), { refusesMethod: true as const });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
