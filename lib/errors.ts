// Domain errors: what went wrong, in the service's terms. Services throw these;
// the HTTP edge (lib/http/errors.ts) maps each class to a status and a code.

/** Something the caller named does not exist, or is not theirs (the same answer, on purpose). */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The request is well-formed but names or holds something the service cannot accept. */
export class InvalidInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "InvalidInputError";
  }
}

/** The request conflicts with the current state (a reply running, a name taken, …). */
export class ConflictError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A reply is being written in this session: one at a time. */
export class ReplyRunningError extends ConflictError {
  constructor(readonly messageId: string) {
    super("reply_running", "A reply is still being written in this session; wait for it or stop it first.");
    this.name = "ReplyRunningError";
  }
}

export class NothingToRegenerateError extends ConflictError {
  constructor() {
    super("nothing_to_regenerate", "There is no reply to regenerate in this session");
    this.name = "NothingToRegenerateError";
  }
}

export class UnknownParentError extends InvalidInputError {
  constructor(readonly parentId: string) {
    super("unknown_parent", `No message ${parentId} in this session`);
    this.name = "UnknownParentError";
  }
}

export class UnknownModelError extends InvalidInputError {
  constructor(readonly modelId: string) {
    super("unknown_model", `Unknown model "${modelId}"; GET /api/models lists the models offered.`);
    this.name = "UnknownModelError";
  }
}

/** Who the caller is was not established (unknown user, wrong credentials). */
export class UnauthenticatedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}
