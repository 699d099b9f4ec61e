#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/github/context.ts
function versionFromTag(tag) {
  const match = /^v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)$/.exec(tag ?? "");
  return match?.[1];
}
__name(versionFromTag, "versionFromTag");
function releaseVersion(env, event) {
  if (event.name === "release") return versionFromTag(event.payload.release?.tag_name);
  const tag = /^refs\/tags\/(.+)$/.exec(env.GITHUB_REF ?? "")?.[1];
  return event.name === "push" || event.name === void 0 ? versionFromTag(tag) : void 0;
}
__name(releaseVersion, "releaseVersion");
function provenanceFromEnv(env, event) {
  const pr = event.payload.pull_request;
  const prNumber = pr?.number ?? (pr ? event.payload.number : void 0);
  const run = env.GITHUB_RUN_ID !== void 0 ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? "1"}` : void 0;
  const repoId = env.GITHUB_REPOSITORY_ID ?? event.payload.repository?.id?.toString();
  return {
    repo: env.GITHUB_REPOSITORY || event.payload.repository?.full_name || void 0,
    repoId: repoId || void 0,
    ref: env.GITHUB_REF || void 0,
    // A pull_request run checks out a merge commit; the PR's own head is what people know.
    sha: pr?.head?.sha ?? (env.GITHUB_SHA || void 0),
    pr: prNumber,
    run,
    version: releaseVersion(env, event)
  };
}
__name(provenanceFromEnv, "provenanceFromEnv");
async function readEventPayload(file) {
  if (!file) return {};
  try {
    const { readFile } = await import("node:fs/promises");
    const parsed = JSON.parse(await readFile(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
__name(readEventPayload, "readEventPayload");
async function githubRunFromEnv(env) {
  const event = {
    name: env.GITHUB_EVENT_NAME || void 0,
    payload: await readEventPayload(env.GITHUB_EVENT_PATH)
  };
  return { event, provenance: provenanceFromEnv(env, event) };
}
__name(githubRunFromEnv, "githubRunFromEnv");
function runUrlFromEnv(env) {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return void 0;
  const server = (GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const attempt = GITHUB_RUN_ATTEMPT && GITHUB_RUN_ATTEMPT !== "1" ? `/attempts/${GITHUB_RUN_ATTEMPT}` : "";
  return `${server}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}${attempt}`;
}
__name(runUrlFromEnv, "runUrlFromEnv");

export {
  versionFromTag,
  githubRunFromEnv,
  runUrlFromEnv
};
