/**
 * The error a TFS reader throws for bytes it cannot accept: a bad magic, a frame that does
 * not fit, a dictionary reference to nothing. It is a `UserError` because the usual cause is
 * the user's input (a file that is not a Nanos image, or a damaged one), and it always names
 * the byte offset so the damage can be found with a hex dump.
 */
import { UserError } from '../errors.js';

export class TfsFormatError extends UserError {
  override name = 'TfsFormatError';

  constructor(
    readonly offset: number,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Not a valid Nanos TFS filesystem: ${problem} (at byte offset ${offset}). ` +
        'Check that the file is a Nanos image and that it was copied completely.',
      options,
    );
  }
}
