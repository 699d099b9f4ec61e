#!/usr/bin/env node
import {
  coreLogger,
  debug,
  info,
  mainRan,
  recordedQemuPids,
  recordedResources,
  recordedTempDirs,
  warning
} from "./chunks/chunk-4LQARNZF.mjs";
import "./chunks/chunk-N6YEPIZP.mjs";
import "./chunks/chunk-U2EJU7B7.mjs";
import {
  errorMessage
} from "./chunks/chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunks/chunk-7WHGZY2X.mjs";

// src/action/post.ts
const { readFile, rm } = process.getBuiltinModule("node:fs/promises");
async function post() {
  if (!mainRan()) return;
  for (const pid of recordedQemuPids()) await stopQemu(pid);
  const resources = recordedResources();
  if (resources.length > 0) {
    info(`Removing ${resources.length} cloud resource(s) a failed or cancelled run left.`);
    const { deleteResources } = await import("./chunks/publish-M2R4WU3C.mjs");
    await deleteResources(resources, { logger: coreLogger }, await endpointsOrDefaults());
  }
  for (const dir of recordedTempDirs()) {
    try {
      await rm(dir, { recursive: true, force: true });
      debug(`removed ${dir}`);
    } catch (error) {
      warning(`nanoship post step could not remove ${dir}: ${errorMessage(error)}`);
    }
  }
}
__name(post, "post");
async function endpointsOrDefaults() {
  const { gcpEndpoints } = await import("./chunks/publish-plan-MK7KXVBY.mjs");
  try {
    return gcpEndpoints(process.env);
  } catch (error) {
    warning(`nanoship post step: ${errorMessage(error)}; using Google's default endpoints.`);
    return {};
  }
}
__name(endpointsOrDefaults, "endpointsOrDefaults");
async function stopQemu(pid) {
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!command.includes("qemu")) return;
  try {
    process.kill(-pid, "SIGKILL");
    info(`Stopped QEMU (pid ${pid}), left running by the main step.`);
  } catch (error) {
    warning(`nanoship post step could not stop QEMU (pid ${pid}): ${errorMessage(error)}`);
  }
}
__name(stopQemu, "stopQemu");

// src/action/post-index.ts
void post();
