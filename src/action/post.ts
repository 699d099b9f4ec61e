/**
 * The Action's post step (`post-if: always()`): undoes what the main step recorded and did not
 * finish, even when it failed, was cancelled or was killed: QEMU processes (they run in their
 * own process group, so they outlive a killed main step), cloud resources that were created
 * but never settled, and scratch folders. Runners are often fresh, but self-hosted ones keep
 * their processes and disks, and a cloud keeps billing. Failures here are warnings: the job's
 * verdict was decided by the main step.
 */
import { readFile, rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { coreLogger } from './core-logger.js';
import { mainRan, recordedQemuPids, recordedResources, recordedTempDirs } from './state.js';

export async function post(): Promise<void> {
  if (!mainRan()) return;
  for (const pid of recordedQemuPids()) await stopQemu(pid);
  const resources = recordedResources();
  if (resources.length > 0) {
    core.info(`Removing ${resources.length} cloud resource(s) a failed or cancelled run left.`);
    const { deleteResources } = await import('../cloud/publish.js');
    await deleteResources(resources, { logger: coreLogger }, await endpointsOrDefaults());
  }
  for (const dir of recordedTempDirs()) {
    try {
      await rm(dir, { recursive: true, force: true });
      core.debug(`removed ${dir}`);
    } catch (error) {
      core.warning(`nanoship post step could not remove ${dir}: ${errorMessage(error)}`);
    }
  }
}

/** The Google endpoint overrides main used; Google's defaults if the variables are unusable. */
async function endpointsOrDefaults() {
  const { gcpEndpoints } = await import('../plan/publish-plan.js');
  try {
    return gcpEndpoints(process.env);
  } catch (error) {
    core.warning(`nanoship post step: ${errorMessage(error)}; using Google's default endpoints.`);
    return {};
  }
}

/**
 * Kills the process group of a QEMU the main step started, if it still runs. The command line
 * is checked first: a pid can be reused once its process is gone.
 */
async function stopQemu(pid: number): Promise<void> {
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('qemu')) return;
  try {
    process.kill(-pid, 'SIGKILL');
    core.info(`Stopped QEMU (pid ${pid}), left running by the main step.`);
  } catch (error) {
    core.warning(`nanoship post step could not stop QEMU (pid ${pid}): ${errorMessage(error)}`);
  }
}
