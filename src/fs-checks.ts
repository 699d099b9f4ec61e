/** Yes/no questions about paths, for checks that turn a "no" into their own UserError. */
import { stat } from './files.js';

/** Whether `file` exists and is a regular file (symlinks followed). */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Whether `dir` exists and is a directory (symlinks followed). */
export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
