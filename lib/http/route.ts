// The frame of every API route: errors become the JSON error shape, and the
// caller's identity is resolved before the handler runs.
import { requireIdentity, type Identity } from "../auth/identity";
import { toErrorResponse } from "./errors";

type Params = Record<string, string>;
type Context<P extends Params> = { params: Promise<P> };

export function route<P extends Params = Params>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** A route for signed-in callers (token or cookie). */
export function authedRoute<P extends Params = Params>(handler: (request: Request, identity: Identity, params: P) => Promise<Response>) {
  return route<P>(async (request, params) => handler(request, await requireIdentity(request), params));
}
