// Domain errors: what went wrong, in the service's terms. Services throw these;
// the HTTP edge (lib/http/errors.ts) maps each class to a status, and `code`
// is the machine-readable reason clients see.

/** Something the caller named does not exist, or is not theirs (the same answer, on purpose). */
export class NotFoundError extends Error {
  readonly code = "not_found";
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

abstract class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is well-formed but names or holds something the service cannot accept. */
export class InvalidInputError extends CodedError {}

/** The request conflicts with the current state (a reply running, a name taken, …). */
export class ConflictError extends CodedError {}

/** Who the caller is was not established (unknown user, wrong credentials). */
export class UnauthenticatedError extends CodedError {}

/** The caller is known but may not do this. */
export class ForbiddenError extends CodedError {}

/** What was sent is larger than a limit allows (a file, a user's storage). */
export class TooLargeError extends CodedError {}

/** A kind of content this server does not take (a file type). */
export class UnsupportedTypeError extends CodedError {}

/** A reply is being written in this session: one at a time. */
export class ReplyRunningError extends ConflictError {
  constructor(readonly messageId: string) {
    super("reply_running", "A reply is still being written in this session; wait for it or stop it first.");
  }
}

export class NothingToRegenerateError extends ConflictError {
  constructor() {
    super("nothing_to_regenerate", "There is no reply to regenerate in this session");
  }
}

export class UnknownParentError extends InvalidInputError {
  constructor(readonly parentId: string) {
    super("unknown_parent", `No message ${parentId} in this session`);
  }
}

export class UnknownModelError extends InvalidInputError {
  constructor(readonly modelId: string) {
    super("unknown_model", `Unknown model "${modelId}"; GET /api/models lists the models offered.`);
  }
}
