#!/usr/bin/env node
import {
  callGitHub,
  createGitHubClient,
  parseRepository,
  statusOf
} from "./chunk-J6SV7PY3.mjs";
import "./chunk-FR7OTKT4.mjs";
import {
  silentLogger
} from "./chunk-E4MGHMJU.mjs";
import "./chunk-DERJX6PK.mjs";
import "./chunk-N6YEPIZP.mjs";
import {
  checkHttpAnswer,
  connectAttempt,
  describeProbeError,
  httpAttempt,
  pollUntil
} from "./chunk-N6F42QVB.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/preview/clouds.ts
async function previewCloudFor(placement) {
  if (placement.cloud === "aws") {
    const { createAwsPreviewCloud } = await import("./aws-INP3TRFP.mjs");
    return createAwsPreviewCloud(placement.aws);
  }
  const { createGcpPreviewCloud } = await import("./gcp-H4EWN2GO.mjs");
  return createGcpPreviewCloud(placement.gcp);
}
__name(previewCloudFor, "previewCloudFor");

// src/github/deployments.ts
var DEPLOYMENT_DESCRIPTION_MAX_CHARS = 140;
function previewEnvironment(pr) {
  return `pr-${pr}`;
}
__name(previewEnvironment, "previewEnvironment");
function deploymentCall(verb, target) {
  return {
    what: `${verb} the deployment of ${target.owner}/${target.repo} environment ${previewEnvironment(target.pr)}`,
    permission: "deployments: write"
  };
}
__name(deploymentCall, "deploymentCall");
function shortDescription(text) {
  return text.length <= DEPLOYMENT_DESCRIPTION_MAX_CHARS ? text : `${text.slice(0, DEPLOYMENT_DESCRIPTION_MAX_CHARS - 1)}\u2026`;
}
__name(shortDescription, "shortDescription");
async function startPreviewDeployment(octokit, options) {
  const { owner, repo, pr, cloud, sha } = options;
  const payload = { tool: "nanoship", cloud, pr, instance: options.instance };
  const response = await callGitHub(
    deploymentCall("create", options),
    () => octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: sha,
      environment: previewEnvironment(pr),
      description: shortDescription(`nanoship preview of #${pr} on ${cloud}`),
      payload,
      auto_merge: false,
      required_contexts: [],
      transient_environment: true,
      production_environment: false
    })
  );
  if (response.status !== 201 || !("id" in response.data)) {
    const message = "message" in response.data ? response.data.message : "";
    throw new UserError(
      `GitHub: could not create the deployment of ${owner}/${repo} for #${pr}: POST /repos/${owner}/${repo}/deployments gave HTTP ${response.status} (${message}) instead of 201`
    );
  }
  const deploymentId = response.data.id;
  await setDeploymentStatus(octokit, options, deploymentId, {
    state: "in_progress",
    logUrl: options.logUrl,
    description: `Starting the preview on ${cloud}`
  });
  (options.logger ?? silentLogger).info(
    `deployment ${deploymentId} of ${previewEnvironment(pr)} started for ${sha}`
  );
  return { deploymentId };
}
__name(startPreviewDeployment, "startPreviewDeployment");
async function setDeploymentStatus(octokit, target, deploymentId, fields) {
  await callGitHub(
    deploymentCall(`set status ${fields.state} on`, target),
    () => octokit.rest.repos.createDeploymentStatus({
      owner: target.owner,
      repo: target.repo,
      deployment_id: deploymentId,
      state: fields.state,
      environment_url: fields.environmentUrl,
      log_url: fields.logUrl,
      description: fields.description ? shortDescription(fields.description) : void 0,
      auto_inactive: false
    })
  );
}
__name(setDeploymentStatus, "setDeploymentStatus");
async function finishPreviewDeployment(octokit, options) {
  await setDeploymentStatus(octokit, options, options.deploymentId, {
    state: options.state,
    environmentUrl: options.state === "success" ? options.environmentUrl : void 0,
    logUrl: options.logUrl,
    description: options.description ?? (options.state === "success" ? "Preview is up" : "Preview did not come up")
  });
  if (options.state !== "success") return { deactivated: [] };
  const deactivated = await deactivatePreviewDeployments(octokit, {
    ...options,
    except: options.deploymentId,
    description: "Replaced by a newer preview"
  });
  return { deactivated };
}
__name(finishPreviewDeployment, "finishPreviewDeployment");
async function deactivatePreviewDeployments(octokit, options) {
  const { owner, repo, pr } = options;
  const deployments = await callGitHub(
    deploymentCall("list", options),
    () => octokit.paginate(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment: previewEnvironment(pr),
      per_page: 100
    })
  );
  const changed = [];
  for (const deployment of deployments) {
    if (deployment.id === options.except) continue;
    const cloud = payloadCloud(deployment.payload);
    if (cloud !== void 0 && cloud !== options.cloud) continue;
    if (await latestState(octokit, options, deployment.id) === "inactive") continue;
    await setDeploymentStatus(octokit, options, deployment.id, {
      state: "inactive",
      logUrl: options.logUrl,
      description: options.description ?? "Pull request closed; preview removed"
    });
    changed.push(deployment.id);
  }
  if (changed.length > 0) {
    (options.logger ?? silentLogger).info(
      `set ${changed.length} deployment(s) of ${previewEnvironment(pr)} inactive: ${changed.join(", ")}`
    );
  }
  return changed;
}
__name(deactivatePreviewDeployments, "deactivatePreviewDeployments");
async function latestState(octokit, target, deploymentId) {
  const { data } = await callGitHub(
    deploymentCall("read the statuses of", target),
    () => octokit.rest.repos.listDeploymentStatuses({
      owner: target.owner,
      repo: target.repo,
      deployment_id: deploymentId,
      per_page: 1
    })
  );
  return data[0]?.state;
}
__name(latestState, "latestState");
function payloadCloud(payload) {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (typeof value !== "object" || value === null) return void 0;
  const { tool, cloud } = value;
  return tool === "nanoship" && typeof cloud === "string" ? cloud : void 0;
}
__name(payloadCloud, "payloadCloud");

// src/github/pr-comment.ts
var COMMENT_BODY_MAX_CHARS = 65536;
function previewCommentMarker(cloud) {
  return `<!-- nanoship:preview:${cloud} -->`;
}
__name(previewCommentMarker, "previewCommentMarker");
function hasMarker(body, marker) {
  return (body ?? "").trimStart().startsWith(marker);
}
__name(hasMarker, "hasMarker");
function fitCommentBody(body, maxChars = COMMENT_BODY_MAX_CHARS) {
  if (body.length <= maxChars) return body;
  const note = /* @__PURE__ */ __name((cut) => `

\u2026 ${cut} characters cut: GitHub allows ${maxChars} in a comment.`, "note");
  let keep = maxChars - note(body.length).length;
  if (/[\uD800-\uDBFF]/.test(body[keep - 1] ?? "")) keep -= 1;
  return body.slice(0, keep) + note(body.length - keep);
}
__name(fitCommentBody, "fitCommentBody");
async function upsertStickyComment(octokit, target, body, options = {}) {
  const logger = options.logger ?? silentLogger;
  const text = fitCommentBody(body);
  if (!hasMarker(text, target.marker)) {
    throw new Error(`upsertStickyComment: the body must start with ${target.marker}`);
  }
  const existing = await listMarkedComments(octokit, target);
  if (existing.length > 0) return converge(octokit, target, text, existing, void 0, logger);
  const created = await callGitHub(
    commentCall("create the nanoship comment on", target),
    async () => {
      const { owner, repo, issue } = target;
      return (await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text })).data;
    }
  );
  const relisted = await listMarkedComments(octokit, target);
  const marked = relisted.some((c) => c.id === created.id) ? relisted : [...relisted, created];
  return converge(octokit, target, text, marked, created.id, logger);
}
__name(upsertStickyComment, "upsertStickyComment");
async function converge(octokit, target, body, marked, createdId, logger) {
  const [keep, ...extra] = [...marked].sort((a, b) => a.id - b.id);
  let action;
  if (keep.id === createdId) action = "created";
  else if (keep.body === body) action = "unchanged";
  else action = "updated";
  if (action === "updated") {
    await callGitHub(
      commentCall("update the nanoship comment on", target),
      () => octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: keep.id,
        body
      })
    );
  }
  for (const duplicate of extra) await deleteComment(octokit, target, duplicate.id);
  if (extra.length > 0) {
    logger.info(`removed ${extra.length} duplicate nanoship comment(s) from #${target.issue}`);
  }
  logger.info(`${action} the nanoship comment on #${target.issue}: ${keep.html_url}`);
  return { id: keep.id, htmlUrl: keep.html_url, action, removedDuplicates: extra.length };
}
__name(converge, "converge");
async function deleteComment(octokit, target, id) {
  await callGitHub(commentCall("delete a duplicate nanoship comment on", target), async () => {
    try {
      await octokit.rest.issues.deleteComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: id
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  });
}
__name(deleteComment, "deleteComment");
async function listMarkedComments(octokit, target) {
  const { owner, repo, issue } = target;
  const all = await callGitHub(
    commentCall("list the comments on", target),
    () => octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issue,
      per_page: 100
    })
  );
  return all.filter((c) => hasMarker(c.body, target.marker)).sort((a, b) => a.id - b.id);
}
__name(listMarkedComments, "listMarkedComments");
function commentCall(verb, target) {
  return {
    what: `${verb} ${target.owner}/${target.repo}#${target.issue}`,
    permission: "pull-requests: write"
  };
}
__name(commentCall, "commentCall");

// src/github/preview-comment.ts
var CLOUD_TITLES = { aws: "AWS", gcp: "Google Cloud" };
var IMAGE_LABELS = { aws: "AMI", gcp: "Image" };
var MARKUP_RESERVE_CHARS = 512;
function formatUtc(date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
__name(formatUtc, "formatUtc");
function inline(text) {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}
__name(inline, "inline");
function code(text) {
  const run = Math.max(0, ...(inline(text).match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(run + 1);
  return run > 0 ? `${fence} ${inline(text)} ${fence}` : `${fence}${inline(text)}${fence}`;
}
__name(code, "code");
function link(url) {
  return /^https?:\/\/\S+$/.test(url) ? url : code(url);
}
__name(link, "link");
function footer(runUrl) {
  const run = runUrl ? ` by [this run](${runUrl})` : "";
  return `<sub>Written${run}. nanoship updates this comment in place on every push and when the pull request closes.</sub>`;
}
__name(footer, "footer");
function renderPreviewComment(preview) {
  const rows = [
    ["URL", link(preview.url)],
    // A bare commit SHA is linked by GitHub; inside code it would not be.
    ["Commit", inline(preview.sha)],
    ["Image digest", code(preview.digest)]
  ];
  if (preview.bootMs !== void 0) {
    rows.push(["Boot to ready", `${(preview.bootMs / 1e3).toFixed(1)} s`]);
  }
  rows.push([IMAGE_LABELS[preview.cloud], code(preview.image)]);
  const where = preview.location ? ` (${inline(preview.location)})` : "";
  rows.push(["Instance", `${code(preview.instance)}${where}`]);
  if (preview.expiresAt) rows.push(["Expires", formatUtc(preview.expiresAt)]);
  const body = [
    previewCommentMarker(preview.cloud),
    `### Preview on ${CLOUD_TITLES[preview.cloud]}: ready`,
    "",
    "| | |",
    "|---|---|",
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    "",
    footer(preview.runUrl)
  ].join("\n");
  return fitCommentBody(body);
}
__name(renderPreviewComment, "renderPreviewComment");
function renderPreviewFailedComment(failed) {
  const head = [
    previewCommentMarker(failed.cloud),
    `### Preview on ${CLOUD_TITLES[failed.cloud]}: failed`,
    "",
    `The preview of ${inline(failed.sha)} did not come up: ${inline(failed.reason)}. Its instance was removed; the next push tries again.`
  ].join("\n");
  const tail = `

${footer(failed.runUrl)}`;
  if (!failed.console) return fitCommentBody(head + tail);
  const budget = COMMENT_BODY_MAX_CHARS - head.length - tail.length - MARKUP_RESERVE_CHARS;
  const excerpt = consoleTail(failed.console, budget);
  const run = Math.max(2, ...(excerpt.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(run + 1);
  const details = [
    "",
    "",
    "<details><summary>Console output</summary>",
    "",
    `${fence}text`,
    excerpt,
    fence,
    "",
    "</details>"
  ].join("\n");
  return fitCommentBody(head + details + tail);
}
__name(renderPreviewFailedComment, "renderPreviewFailedComment");
function consoleTail(text, maxChars) {
  const trimmed = text.replace(/\s+$/, "");
  if (trimmed.length <= maxChars) return trimmed;
  const note = /* @__PURE__ */ __name((cut) => `[\u2026 ${cut} earlier characters cut]
`, "note");
  let start = trimmed.length - Math.max(0, maxChars - note(trimmed.length).length);
  const lineStart = trimmed.indexOf("\n", start - 1);
  if (lineStart !== -1 && lineStart < trimmed.length - 1) start = lineStart + 1;
  if (/[\uDC00-\uDFFF]/.test(trimmed[start] ?? "")) start += 1;
  return note(start) + trimmed.slice(start);
}
__name(consoleTail, "consoleTail");
function renderPreviewRemovedComment(removed) {
  const commit = removed.sha ? ` of ${inline(removed.sha)}` : "";
  const lines = [
    previewCommentMarker(removed.cloud),
    `### Preview on ${CLOUD_TITLES[removed.cloud]}: removed`,
    "",
    `The pull request was closed and the preview${commit} was removed at ${formatUtc(removed.removedAt)}.`
  ];
  if (removed.removed && removed.removed.length > 0) {
    lines.push("", "Deleted:", ...removed.removed.map((item) => `- ${inline(item)}`));
  }
  lines.push("", footer(removed.runUrl));
  return fitCommentBody(lines.join("\n"));
}
__name(renderPreviewRemovedComment, "renderPreviewRemovedComment");

// src/github/pull-request.ts
async function listOpenPullRequests(octokit, target) {
  const { owner, repo } = target;
  const pulls = await callGitHub(
    { what: `list the open pull requests of ${owner}/${repo}`, permission: "pull-requests: read" },
    () => octokit.paginate(
      octokit.rest.pulls.list,
      { owner, repo, state: "open", per_page: 100 },
      (response) => response.data.map((pr) => pr.number)
    )
  );
  return new Set(pulls);
}
__name(listOpenPullRequests, "listOpenPullRequests");

// src/preview/probe.ts
var PREVIEW_PROBE_INTERVAL_MS = 1e3;
var PREVIEW_PROBE_ATTEMPT_MS = 5e3;
function probeUrl(address, probe) {
  return probe.kind === "http" ? `http://${address}:${probe.port}${probe.path}` : `tcp://${address}:${probe.port}`;
}
__name(probeUrl, "probeUrl");
async function probePreview(address, probes, options) {
  const started = performance.now();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const outcomes = await Promise.all(
    probes.map((probe) => probeOne(address, probe, options, signal))
  );
  const failure = outcomes.find((outcome) => outcome !== void 0);
  if (failure !== void 0) return { ok: false, reason: failure };
  return { ok: true, readyMs: performance.now() - started };
}
__name(probePreview, "probePreview");
async function probeOne(address, probe, options, signal) {
  let last;
  const poll = {
    signal,
    intervalMs: PREVIEW_PROBE_INTERVAL_MS,
    attemptMs: PREVIEW_PROBE_ATTEMPT_MS,
    maxInFlight: 1,
    onAttemptError: /* @__PURE__ */ __name((error) => {
      last = error;
    }, "onAttemptError")
  };
  const url = probeUrl(address, probe);
  try {
    if (probe.kind === "tcp") {
      await pollUntil(connectAttempt(address, probe.port), poll);
      return void 0;
    }
    const answer = await pollUntil(httpAttempt(probe.port, probe.path, address), poll);
    const mismatch = checkHttpAnswer(
      { ...probe, expectStatus: options.expectStatus, expectBody: options.expectBody },
      answer
    );
    return mismatch && `${url}: ${mismatch}`;
  } catch (error) {
    const why = last === void 0 ? errorMessage(error) : describeProbeError(last);
    return `${url} did not answer within ${Math.round(options.timeoutMs / 1e3)} s (last attempt: ${why})`;
  }
}
__name(probeOne, "probeOne");

// src/preview/index.ts
async function previewUp(plan, published, deps) {
  const { logger } = deps;
  const now = deps.now?.() ?? /* @__PURE__ */ new Date();
  const expiresAt = new Date(now.getTime() + plan.ttlMs);
  const github = githubTarget(plan, deps);
  const deployment = github && plan.sha ? await startPreviewDeployment(github.octokit, {
    ...github.repo,
    pr: plan.pr,
    cloud: plan.cloud,
    sha: plan.sha,
    logUrl: plan.github.runUrl,
    logger
  }) : void 0;
  const earlier = await deps.cloud.findPreviews({ repoId: deps.repoId, pr: plan.pr }, deps);
  let instance;
  try {
    instance = await deps.cloud.launch(
      {
        imageRef: published.imageRef,
        image: published.image,
        provenance: {
          repo: plan.repo,
          repoId: deps.repoId,
          sha: plan.sha,
          pr: plan.pr,
          run: plan.run
        },
        ports: plan.ports,
        instanceType: plan.instanceType,
        expiresAt
      },
      deps
    );
  } catch (error) {
    await reportFailure(plan, deps, deployment?.deploymentId, errorMessage(error));
    throw error;
  }
  logger.info(
    `Preview instance ${instance.id} runs at ${instance.address} (${instance.location}); probing it.`
  );
  const url = previewUrl(plan, instance.address);
  const outcome = await probePreview(instance.address, plan.probes, {
    expectStatus: plan.expectStatus,
    expectBody: plan.expectBody,
    timeoutMs: plan.probeTimeoutMs,
    signal: deps.signal
  });
  if (!outcome.ok) {
    const consoleText = await deps.cloud.consoleOutput(instance, deps).catch((error) => `(no console output: ${errorMessage(error)})`);
    await logger.group(`Console output of the preview instance ${instance.id}`, async () => {
      logger.info(consoleText || "(empty)");
    });
    await deps.cloud.destroy(instance, deps);
    await reportFailure(plan, deps, deployment?.deploymentId, outcome.reason, consoleText);
    throw new UserError(
      `The preview did not come up: ${outcome.reason}. The instance's console output is in the log, and the instance was removed.`
    );
  }
  const replaced = [];
  for (const old of earlier.filter((candidate) => candidate.id !== instance.id)) {
    await deps.cloud.destroy(old, deps);
    replaced.push(`${old.id} (${old.location})`);
  }
  for (const resource of instance.resources) deps.recorder.settled(resource);
  if (github) {
    if (deployment) {
      await finishPreviewDeployment(github.octokit, {
        ...github.repo,
        pr: plan.pr,
        cloud: plan.cloud,
        deploymentId: deployment.deploymentId,
        state: "success",
        environmentUrl: url,
        logUrl: plan.github.runUrl,
        logger
      });
    }
    await upsertStickyComment(
      github.octokit,
      { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
      renderPreviewComment({
        cloud: plan.cloud,
        url,
        digest: published.image.sha256,
        sha: plan.sha ?? "",
        bootMs: outcome.readyMs,
        image: published.imageRef,
        instance: instance.id,
        location: instance.location,
        expiresAt,
        runUrl: plan.github.runUrl
      }),
      { logger }
    );
  }
  return {
    action: "up",
    cloud: plan.cloud,
    pr: plan.pr,
    url,
    instance: instance.id,
    address: instance.address,
    location: instance.location,
    readyMs: outcome.readyMs,
    expiresAt: expiresAt.toISOString(),
    replaced
  };
}
__name(previewUp, "previewUp");
async function previewDown(plan, deps) {
  const { logger } = deps;
  const filter = { repoId: deps.repoId, pr: plan.pr };
  const removed = [];
  for (const preview of await deps.cloud.findPreviews(filter, deps)) {
    await deps.cloud.destroy(preview, deps);
    removed.push(`instance ${preview.id} (${preview.location})`);
  }
  removed.push(...await deps.cloud.deletePreviewImages(filter, deps));
  removed.push(...await deps.cloud.deleteOrphans(filter, deps));
  logger.info(
    removed.length > 0 ? `Removed the preview of #${plan.pr}: ${removed.join("; ")}.` : `Pull request #${plan.pr} has no preview on ${plan.cloud} to remove.`
  );
  const github = githubTarget(plan, deps);
  if (github) {
    const deactivated = await deactivatePreviewDeployments(github.octokit, {
      ...github.repo,
      pr: plan.pr,
      cloud: plan.cloud,
      logUrl: plan.github.runUrl,
      description: "Pull request closed: preview removed",
      logger
    });
    if (removed.length > 0 || deactivated.length > 0) {
      await upsertStickyComment(
        github.octokit,
        { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
        renderPreviewRemovedComment({
          cloud: plan.cloud,
          sha: plan.sha,
          removedAt: deps.now?.() ?? /* @__PURE__ */ new Date(),
          removed,
          runUrl: plan.github.runUrl
        }),
        { logger }
      );
    }
  }
  return { action: "down", cloud: plan.cloud, pr: plan.pr, removed };
}
__name(previewDown, "previewDown");
async function sweepPreviews(plan, deps) {
  const now = deps.now?.() ?? /* @__PURE__ */ new Date();
  const github = deps.github && { octokit: deps.github, repo: parseRepository(plan.repo) };
  const open = github ? await listOpenPullRequests(github.octokit, github.repo) : void 0;
  const removed = [];
  const kept = [];
  const closedPrs = /* @__PURE__ */ new Set();
  for (const preview of await deps.cloud.findPreviews({ repoId: deps.repoId }, deps)) {
    const closed = open !== void 0 && !open.has(preview.pr);
    const createdAt = preview.createdAt?.getTime();
    const expired = preview.expiresAt !== void 0 && preview.expiresAt.getTime() <= now.getTime() || createdAt !== void 0 && createdAt + plan.ttlMs <= now.getTime();
    const what = `instance ${preview.id} of #${preview.pr} (${preview.location})`;
    if (!closed && !expired) {
      kept.push(what);
      continue;
    }
    await deps.cloud.destroy(preview, deps);
    removed.push(`${what}: ${closed ? "pull request closed" : "TTL passed"}`);
    if (closed) closedPrs.add(preview.pr);
  }
  for (const pr of closedPrs) {
    removed.push(...await deps.cloud.deletePreviewImages({ repoId: deps.repoId, pr }, deps));
  }
  removed.push(...await deps.cloud.deleteOrphans({ repoId: deps.repoId }, deps));
  deps.logger.info(
    `Sweep of ${plan.repo} on ${plan.cloud}: removed ${removed.length}, kept ${kept.length}.`
  );
  return { cloud: plan.cloud, removed, kept };
}
__name(sweepPreviews, "sweepPreviews");
async function repositoryId(octokit, fullName) {
  const { owner, repo } = parseRepository(fullName);
  const response = await callGitHub(
    { what: `read the repository ${fullName}`, permission: "contents: read" },
    () => octokit.rest.repos.get({ owner, repo })
  );
  return String(response.data.id);
}
__name(repositoryId, "repositoryId");
function previewUrl(plan, address) {
  const http = plan.probes.find((probe) => probe.kind === "http");
  if (http) return probeUrl(address, http);
  return `http://${address}:${plan.ports[0]}/`;
}
__name(previewUrl, "previewUrl");
function githubTarget(plan, deps) {
  return deps.github ? { octokit: deps.github, repo: parseRepository(plan.repo) } : void 0;
}
__name(githubTarget, "githubTarget");
async function reportFailure(plan, deps, deploymentId, reason, consoleText) {
  const github = githubTarget(plan, deps);
  if (!github) return;
  try {
    if (deploymentId !== void 0) {
      await finishPreviewDeployment(github.octokit, {
        ...github.repo,
        pr: plan.pr,
        cloud: plan.cloud,
        deploymentId,
        state: "failure",
        logUrl: plan.github.runUrl,
        logger: deps.logger
      });
    }
    await upsertStickyComment(
      github.octokit,
      { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
      renderPreviewFailedComment({
        cloud: plan.cloud,
        sha: plan.sha ?? "",
        reason,
        console: consoleText === void 0 ? void 0 : consoleTail(consoleText, 8e3),
        runUrl: plan.github.runUrl
      }),
      { logger: deps.logger }
    );
  } catch (error) {
    deps.logger.warning(`Could not report the failed preview on GitHub: ${errorMessage(error)}`);
  }
}
__name(reportFailure, "reportFailure");

// src/preview/run.ts
async function runPreviewStage(plan, input, deps) {
  const previewDeps = await previewDependencies(plan, deps);
  if (plan.action === "down") return previewDown(plan, previewDeps);
  const imageRef = plan.cloud === "aws" ? input.published?.aws?.amiId : input.published?.gcp?.imageUri;
  if (imageRef === void 0 || input.image === void 0) {
    throw new Error(`preview up on ${plan.cloud} without an image published there`);
  }
  return previewUp(plan, { imageRef, image: input.image }, previewDeps);
}
__name(runPreviewStage, "runPreviewStage");
async function runSweep(plan, deps) {
  return sweepPreviews(plan, await previewDependencies(plan, deps));
}
__name(runSweep, "runSweep");
async function previewDependencies(plan, deps) {
  if (!plan.github.token) {
    throw new UserError(
      "Previews report on GitHub and need a token: the Action passes github-token (default: the workflow GITHUB_TOKEN); the CLI reads GITHUB_TOKEN."
    );
  }
  const github = createGitHubClient({
    token: plan.github.token,
    apiUrl: plan.github.apiUrl,
    logger: deps.logger
  });
  const repoId = deps.repoId ?? await repositoryId(github, plan.repo);
  return { ...deps, cloud: await previewCloudFor(plan), github, repoId };
}
__name(previewDependencies, "previewDependencies");
export {
  runPreviewStage,
  runSweep
};
