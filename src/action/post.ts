/**
 * The Action's post step (`post-if: always()`): removes what the main step recorded, even when
 * it failed or was cancelled. Runners are often fresh, but self-hosted ones keep their disks,
 * and later stages will record cloud resources here too. Failures here are warnings: the job's
 * verdict was decided by the main step.
 */
import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { mainRan, recordedTempDirs } from './state.js';

export async function post(): Promise<void> {
  if (!mainRan()) return;
  for (const dir of recordedTempDirs()) {
    try {
      await rm(dir, { recursive: true, force: true });
      core.debug(`removed ${dir}`);
    } catch (error) {
      core.warning(`nanoship post step could not remove ${dir}: ${errorMessage(error)}`);
    }
  }
}
