import type { WriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { errorMessage, UserError } from '../errors.js';

/**
 * The file the serial console is copied to. It is opened before QEMU starts, so a path that
 * cannot be written is refused up front instead of a run that passes with no log.
 */
export class ConsoleLog {
  private writeError: unknown;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    // A failed write (e.g. a full disk) must not crash nanoship mid-run; close() reports it.
    stream.on('error', (error) => {
      this.writeError ??= error;
    });
  }

  /**
   * Creates (or truncates) the log at `path`, with its folder; a UserError naming the path and
   * the reason when that is not possible.
   */
  static async open(path: string): Promise<ConsoleLog> {
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, 'w');
      return new ConsoleLog(path, handle.createWriteStream());
    } catch (error) {
      throw new UserError(
        `Cannot write the console log ${path}: ${openFailure(error)}. Set console-log / --console-log to a writable path.`,
        { cause: error },
      );
    }
  }

  /** Appends console text; dropped once a write has failed. */
  write(chunk: string): void {
    if (this.writeError === undefined) this.stream.write(chunk);
  }

  /** Flushes and closes the file; returns the first write error, if any. */
  async close(): Promise<unknown> {
    this.stream.end();
    await finished(this.stream).catch((error: unknown) => {
      this.writeError ??= error;
    });
    return this.writeError;
  }
}

/** Why the log could not be created, in words (Node's text names only the syscall). */
function openFailure(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EEXIST': // mkdir: a component of the folder path exists as a file
    case 'ENOTDIR':
      return 'part of its folder path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return errorMessage(error);
  }
}
