/**
 * The GitHub side of previews and releases: pure modules over an Octokit the edge makes.
 *
 *   const octokit = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL, logger });
 *   const gate = previewForkGate(event.payload, inputs.previewAllowForks);
 *   if (!gate.allowed) logger.notice(gate.notice);
 *
 *   // preview up
 *   const { deploymentId } = await startPreviewDeployment(octokit, { owner, repo, pr, cloud, sha, logUrl });
 *   … launch, probe …
 *   await finishPreviewDeployment(octokit, { owner, repo, pr, cloud, deploymentId, state: 'success', environmentUrl: url, logUrl });
 *   await upsertStickyComment(octokit, { owner, repo, issue: pr, marker: previewCommentMarker(cloud) },
 *     renderPreviewComment({ cloud, url, digest, sha, bootMs, image, instance, location, expiresAt, runUrl }));
 *
 *   // preview down
 *   await deactivatePreviewDeployments(octokit, { owner, repo, pr, cloud, logUrl });
 *   await upsertStickyComment(octokit, target, renderPreviewRemovedComment({ cloud, sha, removedAt, removed, runUrl }));
 *
 *   // release
 *   const images = buildReleaseImages({ version, digest, published });
 *   await publishReleaseImages(octokit, { owner, repo, tag, images, sha });
 */
export * from './context.js';
export * from './deployments.js';
export * from './octokit.js';
export * from './pr-comment.js';
export * from './preview-comment.js';
export * from './pull-request.js';
export * from './release.js';
export * from './release-images.js';
