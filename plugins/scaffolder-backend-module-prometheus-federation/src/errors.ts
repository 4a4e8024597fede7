import { CustomErrorBase } from '@backstage/errors';

/**
 * Editing one repository file failed. The message is `<file>: <the cause's message>`, and the
 * cause (an InputError, a ConflictError, a file system error) is kept whole in `cause`.
 */
export class FederationEditError extends CustomErrorBase {
  declare readonly cause: Error;

  constructor(readonly file: string, cause: unknown) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    // Not CustomErrorBase's "<message>; caused by <cause>": the file is the context the
    // cause's own message lacks, and users read that message first.
    super(`${file}: ${error.message}`);
    this.cause = error;
  }
}

/**
 * The planned files, read back by the inventory, do not have the effect the action intends.
 * Nothing is written; the message says which part differs and where.
 */
export class EffectNotVerifiedError extends CustomErrorBase {
  name = 'EffectNotVerifiedError' as const;
}
