#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  toManifestValue
} from "./chunk-SZFODJL4.mjs";
import {
  DEFAULT_KERNEL_VERSION,
  OFFICIAL_KERNEL_BASE_URL
} from "./chunk-ATOFAETN.mjs";
import {
  LOG_EXTENSION_BYTES,
  LOG_EXTENSION_SECTORS,
  SECTOR_BYTES,
  TupleEncoder,
  checkLabel,
  encodeInitialExtension,
  encodeLogExtensions,
  formatUuid,
  imageFromBuild,
  imageFromFile,
  publishImage,
  readFully,
  sortByName
} from "./chunk-MR2HGQBP.mjs";
import {
  TCP_CANARY_GUEST_PORT
} from "./chunk-CQLPK63T.mjs";
import {
  ByteCursor,
  ByteRangeError,
  KLOG_AREA_BYTES,
  MBR_BYTES,
  PartitionType,
  REGION_TYPE_STAGE2,
  decodeMbr,
  sha256File,
  writePartitionTable
} from "./chunk-66G26DMP.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-CO3PDPGD.mjs";

// src/github/context.ts
function versionFromTag(tag) {
  const match = /^v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)$/.exec(tag ?? "");
  return match?.[1];
}
function releaseVersion(env, event) {
  if (event.name === "release") return versionFromTag(event.payload.release?.tag_name);
  const tag = /^refs\/tags\/(.+)$/.exec(env.GITHUB_REF ?? "")?.[1];
  return event.name === "push" || event.name === void 0 ? versionFromTag(tag) : void 0;
}
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
async function readEventPayload(file) {
  if (!file) return {};
  try {
    const { readFile: readFile2 } = await import("node:fs/promises");
    const parsed = JSON.parse(await readFile2(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
async function githubRunFromEnv(env) {
  const event = {
    name: env.GITHUB_EVENT_NAME || void 0,
    payload: await readEventPayload(env.GITHUB_EVENT_PATH)
  };
  return { event, provenance: provenanceFromEnv(env, event) };
}

// src/cloud/types.ts
var noRecorder = { created() {
}, settled() {
} };

// src/image/index.ts
import path from "node:path";

// src/log.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  notice() {
  },
  warning() {
  },
  group: (_title, fn) => fn()
};

// src/image/disk.ts
import { randomBytes } from "node:crypto";
import { mkdir, open as open2, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

// src/image/image-sink.ts
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
var BLOCK_BYTES = 4096;
var STAGING_BYTES = 1024 * 1024;
var ZEROS = Buffer.alloc(64 * 1024);
var ImageSink = class {
  #handle;
  #hash = createHash("sha256");
  /** Being filled and hashed. */
  #staging = takeStagingBuffer();
  /** Free for the next chunk: a host file's next bytes are read into it ahead of time. */
  #next = takeStagingBuffer();
  /** Being written to disk by `#inFlight` (or free once that has settled). */
  #writing = takeStagingBuffer();
  /** The write of `#writing`'s content, at most one at a time. */
  #inFlight = Promise.resolve();
  /** File offset of staging[0]; always a multiple of BLOCK_BYTES. */
  #stagingStart = 0;
  #stagingUsed = 0;
  /** Set once the staging buffers went back to the pool: a second release would share them. */
  #released = false;
  /** Wraps an open, empty, writable file. The caller closes it. */
  constructor(handle) {
    this.#handle = handle;
  }
  get position() {
    return this.#stagingStart + this.#stagingUsed;
  }
  async write(bytes) {
    this.#hash.update(bytes);
    let done = 0;
    while (done < bytes.length) {
      const count = Math.min(bytes.length - done, STAGING_BYTES - this.#stagingUsed);
      this.#staging.set(bytes.subarray(done, done + count), this.#stagingUsed);
      this.#stagingUsed += count;
      done += count;
      if (this.#stagingUsed === STAGING_BYTES) await this.#flush();
    }
  }
  async writeZeros(count) {
    for (let left2 = count; left2 > 0; left2 -= ZEROS.length) {
      this.#hash.update(ZEROS.subarray(0, Math.min(left2, ZEROS.length)));
    }
    const toBoundary = (BLOCK_BYTES - this.#stagingUsed % BLOCK_BYTES) % BLOCK_BYTES;
    let left = count;
    left -= this.#stageZeros(Math.min(left, toBoundary));
    if (left === 0 && this.#stagingUsed < STAGING_BYTES) return;
    await this.#flush();
    const skipped = left - left % BLOCK_BYTES;
    this.#stagingStart += skipped;
    this.#stageZeros(left - skipped);
  }
  /**
   * Streams the file chunk by chunk: each chunk fills the staging buffer up to its end, and
   * the read of the following chunk (into `#next`) starts before this one is hashed.
   */
  async writeHostFile(path8, size) {
    const input = await openHostFile(path8);
    let ahead;
    try {
      let chunk = size === 0 ? void 0 : startChunk(input, path8, size, 0, this.#staging, this.#stagingUsed);
      while (chunk !== void 0) {
        await chunk.read;
        const end = chunk.position + chunk.length;
        const following = end < size ? startChunk(input, path8, size, end, this.#next, 0) : void 0;
        ahead = following?.read;
        this.#hash.update(chunk.buffer.subarray(chunk.offset, chunk.offset + chunk.length));
        this.#stagingUsed += chunk.length;
        if (this.#stagingUsed === STAGING_BYTES) await this.#flush();
        chunk = following;
      }
      const { size: now } = await input.stat();
      if (now !== size) throw changedWhileWriting(path8, size, now);
    } finally {
      await ahead?.catch(() => {
      });
      await input.close();
    }
  }
  /**
   * Pads with zeros up to `sizeBytes`, writes what is staged, sets the file length and returns
   * the sha256 (hex) of all bytes.
   */
  async finish(sizeBytes) {
    if (this.position > sizeBytes) {
      throw new Error(
        `Image content (${this.position} bytes) exceeds its planned size ${sizeBytes}.`
      );
    }
    await this.writeZeros(sizeBytes - this.position);
    await this.#flush();
    await this.#inFlight;
    this.#release();
    await this.#handle.truncate(sizeBytes);
    return this.#hash.digest("hex");
  }
  /** Waits for the write in flight, ignoring its outcome; for callers cleaning up a failure. */
  async settle() {
    await this.#inFlight.catch(() => {
    });
    this.#release();
  }
  /** Hands the staging buffers back for the next image; the sink is done with them. */
  #release() {
    if (this.#released) return;
    this.#released = true;
    releaseStagingBuffers([this.#staging, this.#next, this.#writing]);
  }
  #stageZeros(count) {
    this.#staging.fill(0, this.#stagingUsed, this.#stagingUsed + count);
    this.#stagingUsed += count;
    return count;
  }
  /**
   * Hands the staged bytes to the disk and empties the staging buffer. The write runs while
   * the caller fills the next buffer; a failed write surfaces at the next flush or finish.
   */
  async #flush() {
    await this.#inFlight;
    const full = this.#staging;
    this.#staging = this.#next;
    this.#next = this.#writing;
    this.#writing = full;
    const write = this.#writeBlocks(full, this.#stagingStart, this.#stagingUsed);
    write.catch(() => {
    });
    this.#inFlight = write;
    this.#stagingStart += this.#stagingUsed;
    this.#stagingUsed = 0;
  }
  /** Writes `used` bytes of `buffer` at `fileOffset`, skipping all-zero blocks. */
  async #writeBlocks(buffer, fileOffset, used) {
    let runStart = -1;
    for (let offset = 0; offset <= used; offset += BLOCK_BYTES) {
      const end = Math.min(offset + BLOCK_BYTES, used);
      const dataBlock = offset < used && !isZero(buffer, offset, end);
      if (dataBlock && runStart < 0) runStart = offset;
      if (!dataBlock && runStart >= 0) {
        await this.#writeRun(buffer, fileOffset, runStart, offset);
        runStart = -1;
      }
    }
    if (runStart >= 0) await this.#writeRun(buffer, fileOffset, runStart, used);
  }
  async #writeRun(buffer, fileOffset, start, end) {
    for (let done = start; done < end; ) {
      const { bytesWritten } = await this.#handle.write(
        buffer,
        done,
        end - done,
        fileOffset + done
      );
      done += bytesWritten;
    }
  }
};
function startChunk(input, path8, size, position, buffer, offset) {
  const length = Math.min(size - position, STAGING_BYTES - offset);
  const read = readFully(input, buffer, offset, length, position).then((got) => {
    if (got < length) throw changedWhileWriting(path8, size, position + got);
  });
  read.catch(() => {
  });
  return { buffer, offset, length, position, read };
}
var freeStagingBuffers = [];
var MAX_FREE_STAGING_BUFFERS = 6;
function takeStagingBuffer() {
  return freeStagingBuffers.pop() ?? Buffer.allocUnsafeSlow(STAGING_BYTES);
}
function releaseStagingBuffers(buffers) {
  for (const buffer of buffers) {
    if (freeStagingBuffers.length < MAX_FREE_STAGING_BUFFERS) freeStagingBuffers.push(buffer);
  }
}
function isZero(buffer, start, end) {
  for (let i = start; i < Math.min(end, start + 16); i++) if (buffer[i] !== 0) return false;
  return buffer.compare(ZEROS, 0, end - start, start, end) === 0;
}
async function openHostFile(path8) {
  try {
    return await open(path8, "r");
  } catch (error) {
    throw new UserError(
      `Cannot read ${path8} to put it into the image: ${error.message}.`,
      {
        cause: error
      }
    );
  }
}
function changedWhileWriting(path8, expected, actual) {
  return new UserError(
    `${path8} changed while the image was being written: it had ${expected} bytes when the image was planned and now has ${actual}. Build again once the file no longer changes.`
  );
}

// src/image/tfs.ts
import { createHash as createHash2 } from "node:crypto";
var MAX_EXTENT_SECTORS = 65536;
var FIRST_EXTENSION_SECTOR = 1;
function sourceSize(source) {
  return source.kind === "host" ? source.size : source.bytes.length;
}
function planTfs(fs, options = {}) {
  if (fs.manifest.has("children")) {
    throw new UserError(`The manifest must not set "children": the file tree is the image's own.`);
  }
  const label = options.label ?? "";
  const files = collectFiles(fs.tree);
  for (let extensionCount = 1; ; extensionCount++) {
    const dataStart = FIRST_EXTENSION_SECTOR + extensionCount * LOG_EXTENSION_SECTORS;
    const end = placeFiles(files, dataStart);
    const record = encodeRootRecord(fs, files);
    const extensions = encodeLogExtensions(
      [record],
      (index) => FIRST_EXTENSION_SECTOR + index * LOG_EXTENSION_SECTORS
    );
    if (extensions.length > extensionCount) continue;
    const uuid = options.uuid ?? deriveUuid(label, record);
    return {
      uuid,
      label,
      sizeBytes: end * SECTOR_BYTES,
      metadataBytes: record.length,
      files,
      initialExtension: encodeInitialExtension(uuid, label, {
        start: FIRST_EXTENSION_SECTOR,
        sectors: LOG_EXTENSION_SECTORS
      }),
      extensions
    };
  }
}
async function writeTfs(plan, sink) {
  const start = sink.position;
  await sink.write(plan.initialExtension);
  await sink.writeZeros(SECTOR_BYTES - plan.initialExtension.length);
  for (const used of plan.extensions) {
    await sink.write(used);
    await sink.writeZeros(LOG_EXTENSION_BYTES - used.length);
  }
  for (const file of plan.files) {
    const offset = start + file.startSector * SECTOR_BYTES;
    if (sink.position !== offset)
      throw new Error(`TFS writer at ${sink.position}, expected ${offset}.`);
    if (file.source.kind === "host") await sink.writeHostFile(file.source.path, file.sizeBytes);
    else await sink.write(file.source.bytes);
    await sink.writeZeros(padding(file.sizeBytes));
  }
  if (sink.position !== start + plan.sizeBytes) {
    throw new Error(`TFS writer ended at ${sink.position - start}, planned ${plan.sizeBytes}.`);
  }
}
function deriveUuid(label, record) {
  const digest = createHash2("sha256").update("nanoship tfs uuid\0").update(label).update("\0");
  const uuid = Uint8Array.from(digest.update(record).digest().subarray(0, 16));
  uuid[6] = uuid[6] & 15 | 128;
  uuid[8] = uuid[8] & 63 | 128;
  return uuid;
}
function padding(sizeBytes) {
  return (SECTOR_BYTES - sizeBytes % SECTOR_BYTES) % SECTOR_BYTES;
}
function sectorsOf(sizeBytes) {
  return Math.ceil(sizeBytes / SECTOR_BYTES);
}
function collectFiles(dir, prefix = "") {
  const files = [];
  for (const [name, node] of sortByName(dir.children)) {
    const path8 = `${prefix}/${name}`;
    if (node.kind === "file") {
      files.push({ path: path8, source: node.source, sizeBytes: sourceSize(node.source), startSector: 0 });
    } else if (node.kind === "directory") {
      files.push(...collectFiles(node, path8));
    }
  }
  return files;
}
function placeFiles(files, dataStart) {
  let next = dataStart;
  for (const file of files) {
    file.startSector = next;
    next += sectorsOf(file.sizeBytes);
  }
  return next;
}
function encodeRootRecord(fs, files) {
  const placed = new Map(files.map((file) => [file.path, file]));
  const root = new Map(fs.manifest);
  root.set("children", childrenTuple(fs.tree, "", placed));
  const out = ByteCursor.forWriting(64 * 1024);
  new TupleEncoder().encodeValue(out, root);
  return out.toBytes();
}
function childrenTuple(dir, prefix, placed) {
  const children = /* @__PURE__ */ new Map();
  for (const [name, node] of dir.children) {
    const path8 = `${prefix}/${name}`;
    children.set(name, nodeTuple(node, path8, placed));
  }
  return children;
}
function nodeTuple(node, path8, placed) {
  switch (node.kind) {
    case "directory":
      return /* @__PURE__ */ new Map([["children", childrenTuple(node, path8, placed)]]);
    case "symlink":
      return /* @__PURE__ */ new Map([["linktarget", node.target]]);
    case "file": {
      const file = placed.get(path8);
      return /* @__PURE__ */ new Map([
        ["extents", extentsTuple(file)],
        ["filelength", file.sizeBytes]
      ]);
    }
  }
}
function extentsTuple(file) {
  const extents = /* @__PURE__ */ new Map();
  const sectors = sectorsOf(file.sizeBytes);
  for (let fileSector = 0; fileSector < sectors; fileSector += MAX_EXTENT_SECTORS) {
    const length = Math.min(MAX_EXTENT_SECTORS, sectors - fileSector);
    extents.set(
      String(fileSector),
      /* @__PURE__ */ new Map([
        ["offset", file.startSector + fileSector],
        ["length", length],
        ["allocated", length]
      ])
    );
  }
  return extents;
}

// src/image/tree.ts
function emptyDirectory() {
  return { kind: "directory", children: /* @__PURE__ */ new Map() };
}
function splitImagePath(imagePath) {
  if (!imagePath.startsWith("/")) {
    throw new UserError(`Image path "${imagePath}" must be absolute (start with "/").`);
  }
  const names = imagePath.split("/").filter((name) => name !== "");
  for (const name of names) {
    if (name === "." || name === "..") {
      throw new UserError(`Image path "${imagePath}" must not contain "." or ".." components.`);
    }
    if (Buffer.byteLength(name) > 255) {
      throw new UserError(`Image path "${imagePath}" has a name longer than 255 bytes.`);
    }
  }
  return names;
}
function ensureDirectory(root, imagePath) {
  let dir = root;
  let walked = "";
  for (const name of splitImagePath(imagePath)) {
    walked += `/${name}`;
    const existing = dir.children.get(name);
    if (existing === void 0) {
      const created = emptyDirectory();
      dir.children.set(name, created);
      dir = created;
    } else if (existing.kind === "directory") {
      dir = existing;
    } else {
      throw new UserError(
        `Cannot create directory ${walked} in the image: a ${existing.kind} is already there.`
      );
    }
  }
  return dir;
}
function insertNode(root, imagePath, node) {
  const names = splitImagePath(imagePath);
  const leaf = names.pop();
  if (leaf === void 0) throw new UserError('Cannot place a file at the image root "/".');
  const parent = ensureDirectory(root, `/${names.join("/")}`);
  const existing = parent.children.get(leaf);
  if (existing?.kind === "directory" && node.kind !== "directory") {
    throw new UserError(
      `Cannot place a ${node.kind} at ${imagePath}: a directory is already there.`
    );
  }
  if (existing?.kind === "directory" && node.kind === "directory") {
    for (const [name, child] of node.children) existing.children.set(name, child);
    return;
  }
  parent.children.set(leaf, node);
}
function lookupNode(root, imagePath) {
  let node = root;
  for (const name of splitImagePath(imagePath)) {
    if (node.kind !== "directory") return void 0;
    const child = node.children.get(name);
    if (child === void 0) return void 0;
    node = child;
  }
  return node;
}

// src/image/disk.ts
var BOOTFS_BYTES = 12 * 1024 * 1024;
var FREE_SPACE_BYTES = 1024 * 1024;
var SIZE_ROUNDING_BYTES = 1024 * 1024;
var MAX_BOOT_IMG_BYTES = 1024 * 1024;
async function writeImage(input, outputPath, logger = silentLogger) {
  const plan = await planDisk(input);
  logger.debug(
    `Image layout: bootfs at ${plan.bootfsOffsetBytes}, root at ${plan.rootOffsetBytes}, ${plan.root.files.length} files, ${plan.root.metadataBytes} bytes of metadata, total ${plan.sizeBytes} bytes.`
  );
  const sha256 = await writeAtomically(outputPath, (sink) => writeDisk(plan, sink), plan.sizeBytes);
  return {
    path: outputPath,
    sizeBytes: plan.sizeBytes,
    sha256,
    bootfsOffsetBytes: plan.bootfsOffsetBytes,
    rootOffsetBytes: plan.rootOffsetBytes,
    rootUsedBytes: plan.root.sizeBytes,
    rootUuid: formatUuid(plan.root.uuid),
    files: plan.root.files.length,
    metadataBytes: plan.root.metadataBytes
  };
}
async function planDisk(input) {
  checkSize("minSizeBytes", input.minSizeBytes);
  checkRootLabel(input.label ?? "");
  const [bootImg, bootTree] = await Promise.all([
    readBootImage(input.bootImg),
    bootFilesystem(input.kernelImg, input.klibs)
  ]);
  const boot = planTfs(bootTree);
  if (boot.sizeBytes > BOOTFS_BYTES) throw bootfsTooBig(input, boot);
  const root = planTfs(input.root, { uuid: input.uuid, label: input.label ?? "" });
  const bootfsOffsetBytes = bootImg.length + KLOG_AREA_BYTES;
  const rootOffsetBytes = bootfsOffsetBytes + BOOTFS_BYTES;
  const sizeBytes = Math.max(
    roundUp(rootOffsetBytes + root.sizeBytes + FREE_SPACE_BYTES, SIZE_ROUNDING_BYTES),
    roundUp(input.minSizeBytes ?? 0, MBR_BYTES)
  );
  const mbr = writePartitionTable(bootImg, [
    { type: PartitionType.nanos, offsetBytes: bootfsOffsetBytes, sizeBytes: BOOTFS_BYTES },
    {
      type: PartitionType.nanos,
      offsetBytes: rootOffsetBytes,
      sizeBytes: sizeBytes - rootOffsetBytes
    }
  ]);
  const stage2 = bootImg.subarray(MBR_BYTES);
  return { mbr, stage2, boot, root, bootfsOffsetBytes, rootOffsetBytes, sizeBytes };
}
async function writeDisk(plan, sink) {
  await sink.write(plan.mbr);
  await sink.write(plan.stage2);
  await sink.writeZeros(KLOG_AREA_BYTES);
  await writeTfs(plan.boot, sink);
  await sink.writeZeros(plan.rootOffsetBytes - sink.position);
  await writeTfs(plan.root, sink);
}
async function readBootImage(path8) {
  const bytes = await readBootFile(path8);
  const mbr = decodeMbr(bytes);
  if (!mbr.hasSignature)
    throw notStage1(path8, "its first sector does not end with the 55 AA boot signature");
  if (mbr.region.type !== REGION_TYPE_STAGE2) {
    throw notStage1(
      path8,
      `its stage1 region record has type ${mbr.region.type}, expected ${REGION_TYPE_STAGE2}`
    );
  }
  if (mbr.region.length !== bytes.length - MBR_BYTES) {
    throw notStage1(
      path8,
      `its stage1 says stage2 has ${mbr.region.length} bytes, but ${bytes.length - MBR_BYTES} follow it`
    );
  }
  return bytes;
}
async function readBootFile(path8) {
  let handle;
  try {
    handle = await open2(path8, "r");
    const info = await handle.stat();
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size < MBR_BYTES || info.size > MAX_BOOT_IMG_BYTES) {
      throw notStage1(
        path8,
        `it has ${info.size} bytes, expected 512 bytes of stage1 plus stage2 (under 1 MiB)`
      );
    }
    return new Uint8Array(await handle.readFile());
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw cannotRead(path8, "boot.img", error);
  } finally {
    await handle?.close();
  }
}
async function bootFilesystem(kernelImg, klibs) {
  const tree = emptyDirectory();
  const [kernel, ...libs] = await Promise.all([
    statFile(kernelImg, "kernel.img"),
    ...klibs.map((klib) => statFile(klib.path, `klib ${klib.name}`))
  ]);
  insertNode(tree, "/kernel", {
    kind: "file",
    source: { kind: "host", path: kernelImg, size: kernel.size }
  });
  klibs.forEach((klib, i) => {
    insertNode(tree, `/klib/${klib.name}`, {
      kind: "file",
      source: { kind: "host", path: klib.path, size: libs[i].size }
    });
  });
  return { tree, manifest: /* @__PURE__ */ new Map() };
}
function bootfsTooBig(input, boot) {
  const sizes = boot.files.map((file) => `${file.path} ${file.sizeBytes}`).join(", ");
  return new UserError(
    `The kernel and klibs need ${boot.sizeBytes} bytes of bootfs, but it holds ${BOOTFS_BYTES} (12 MiB): ${sizes}. Drop klibs the program does not need (kernel: ${input.kernelImg}).`
  );
}
async function writeAtomically(outputPath, write, sizeBytes) {
  const temporary = join(
    dirname(outputPath),
    `.${basename(outputPath)}.${randomBytes(6).toString("hex")}.tmp`
  );
  let handle;
  let sink;
  try {
    handle = await openOutput(temporary, outputPath);
    sink = new ImageSink(handle);
    await write(sink);
    const sha256 = await sink.finish(sizeBytes);
    await handle.close();
    handle = void 0;
    await rename(temporary, outputPath);
    return sha256;
  } catch (error) {
    await sink?.settle();
    await handle?.close().catch(() => {
    });
    await rm(temporary, { force: true }).catch(() => {
    });
    throw error;
  }
}
async function openOutput(temporary, outputPath) {
  try {
    await mkdir(dirname(outputPath), { recursive: true });
    return await open2(temporary, "wx");
  } catch (error) {
    throw new UserError(
      `Cannot write the image next to ${outputPath}: ${error.message}.`,
      {
        cause: error
      }
    );
  }
}
async function statFile(path8, what) {
  try {
    const info = await stat(path8);
    if (!info.isFile()) throw new Error("not a regular file");
    return info;
  } catch (error) {
    throw cannotRead(path8, what, error);
  }
}
function cannotRead(path8, what, error) {
  return new UserError(`Cannot read ${what} at ${path8}: ${error.message}.`, {
    cause: error
  });
}
function notStage1(path8, reason) {
  return new UserError(
    `${path8} is not a Nanos boot.img: ${reason}. Use the boot.img shipped with the same kernel release.`
  );
}
function checkSize(name, value) {
  if (value !== void 0 && (!Number.isSafeInteger(value) || value < 0)) {
    throw new UserError(`${name} must be a whole number of bytes, not ${value}.`);
  }
}
function checkRootLabel(label) {
  try {
    checkLabel(label);
  } catch (error) {
    throw new UserError(
      `The image label is not usable: ${error.message} Choose a shorter one.`,
      {
        cause: error
      }
    );
  }
}
function roundUp(value, multiple) {
  return Math.ceil(value / multiple) * multiple;
}

// src/image/manifest.ts
import { posix as posix3, resolve as resolve2 } from "node:path";

// src/image/elf.ts
import { open as open3 } from "node:fs/promises";

// src/image/elf-source.ts
var PT_LOAD = 1;
var PT_DYNAMIC = 2;
var PT_INTERP = 3;
var LAYOUTS = {
  32: { headerBytes: 52, phentBytes: 32, dynEntryBytes: 8 },
  64: { headerBytes: 64, phentBytes: 56, dynEntryBytes: 16 }
};
async function readAt(source, offset, length, what) {
  const end = BigInt(offset) + BigInt(length);
  if (end > BigInt(source.size)) {
    throw new UserError(
      `${source.path} is truncated: ${what} at offset ${offset} (${length} bytes) extends past the end of the file (${source.size} bytes).`
    );
  }
  const bytes = new Uint8Array(Number(length));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await source.handle.read(
      bytes,
      filled,
      bytes.length - filled,
      Number(offset) + filled
    );
    if (bytesRead === 0) {
      throw new UserError(`${source.path} is truncated: it ended while reading the ${what}.`);
    }
    filled += bytesRead;
  }
  return bytes;
}
function reader(cursor, source) {
  const u16 = () => source.little ? cursor.u16le() : cursor.u16be();
  const u32 = () => source.little ? cursor.u32le() : cursor.u32be();
  const word = () => source.elfClass === 32 ? BigInt(u32()) : source.little ? cursor.u64leBig() : cursor.u64beBig();
  return { u16, u32, word };
}

// src/image/elf-dynamic.ts
var DT_NULL = 0n;
var DT_NEEDED = 1n;
var DT_STRTAB = 5n;
var DT_STRSZ = 10n;
var DT_SONAME = 14n;
var DT_RPATH = 15n;
var DT_RUNPATH = 29n;
var MAX_DYNAMIC_STRING_BYTES = 4096;
var MAX_DYNAMIC_ENTRIES = 65536;
async function readDynamic(source, phdrs) {
  const dynamic = phdrs.find((phdr) => phdr.type === PT_DYNAMIC);
  if (dynamic === void 0) return { needed: [], rpath: [], runpath: [] };
  const entryBytes = LAYOUTS[source.elfClass].dynEntryBytes;
  const count = Math.min(Number(dynamic.filesz / BigInt(entryBytes)), MAX_DYNAMIC_ENTRIES);
  const table = await readAt(source, dynamic.offset, count * entryBytes, "dynamic section");
  const entries = parseDynamicEntries(source, table, count);
  const strtabAddress = entries.find((entry) => entry.tag === DT_STRTAB)?.value;
  const stringEntries = entries.filter(
    (entry) => [DT_NEEDED, DT_RPATH, DT_RUNPATH, DT_SONAME].includes(entry.tag)
  );
  if (stringEntries.length === 0) return { needed: [], rpath: [], runpath: [] };
  if (strtabAddress === void 0) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its dynamic section has no string table (DT_STRTAB).`
    );
  }
  const strtab = locateStringTable(source, phdrs, strtabAddress, entries);
  const text = async (offset) => readDynamicString(source, strtab, offset);
  const facts = { needed: [], rpath: [], runpath: [] };
  for (const entry of stringEntries) {
    const value = await text(entry.value);
    if (entry.tag === DT_NEEDED) facts.needed.push(value);
    else if (entry.tag === DT_RPATH) facts.rpath.push(...splitPathList(value));
    else if (entry.tag === DT_RUNPATH) facts.runpath.push(...splitPathList(value));
    else facts.soname = value;
  }
  return facts;
}
function parseDynamicEntries(source, table, count) {
  const cursor = new ByteCursor(table);
  const { word } = reader(cursor, source);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const tag = word();
    const value = word();
    if (tag === DT_NULL) break;
    entries.push({ tag, value });
  }
  return entries;
}
function locateStringTable(source, phdrs, address, entries) {
  const segment = phdrs.find(
    (phdr) => phdr.type === PT_LOAD && phdr.vaddr <= address && address < phdr.vaddr + phdr.filesz
  );
  if (segment === void 0) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its string table address 0x${address.toString(16)} is outside every loadable segment.`
    );
  }
  const offset = segment.offset + (address - segment.vaddr);
  const segmentEnd = segment.offset + segment.filesz;
  const declared = entries.find((entry) => entry.tag === DT_STRSZ)?.value;
  const end = declared === void 0 ? segmentEnd : minBig(offset + declared, segmentEnd);
  return { offset, end: minBig(end, BigInt(source.size)) };
}
async function readDynamicString(source, strtab, offset) {
  const start = strtab.offset + offset;
  if (start >= strtab.end) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} lies outside its string table.`
    );
  }
  const length = minBig(strtab.end - start, BigInt(MAX_DYNAMIC_STRING_BYTES));
  const bytes = await readAt(source, start, length, "dynamic string table");
  const nul = bytes.indexOf(0);
  if (nul === -1) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} has no end within ${length} bytes.`
    );
  }
  return Buffer.from(bytes.subarray(0, nul)).toString("utf8");
}
function splitPathList(value) {
  return value.split(":").filter((entry) => entry !== "");
}
function minBig(a, b) {
  return a < b ? a : b;
}

// src/image/elf.ts
var ELF_MAGIC = [127, 69, 76, 70];
var MACHO_MAGICS = ["cffaedfe", "cefaedfe", "feedfacf", "feedface", "cafebabe"];
var MACHINE_NAMES = {
  3: "i386",
  8: "mips",
  20: "ppc",
  21: "ppc64",
  22: "s390",
  40: "arm",
  62: "x86_64",
  183: "aarch64",
  243: "riscv"
};
var ARCHITECTURE_MACHINES = {
  x86_64: { machine: 62, elfClass: 64 },
  aarch64: { machine: 183, elfClass: 64 }
};
var TYPES = ["other", "relocatable", "executable", "shared", "core"];
var MAX_INTERP_BYTES = 4096;
async function readElf(path8) {
  const { handle, size } = await openForReading(path8);
  try {
    const ident = await readAt({ handle, path: path8, size }, 0, Math.min(size, 16), "ELF header");
    checkMagic(ident, path8);
    const source = identify(ident, { handle, path: path8, size });
    const header = await readAt(source, 0, LAYOUTS[source.elfClass].headerBytes, "ELF header");
    const fields = parseHeader(source, header);
    const phdrs = await readProgramHeaders(source, fields.phoff, fields.phnum, fields.phentsize);
    const interpreter = await readInterpreter(source, phdrs);
    const dynamic = await readDynamic(source, phdrs);
    return {
      elfClass: source.elfClass,
      byteOrder: source.little ? "little" : "big",
      machine: fields.machine,
      machineName: MACHINE_NAMES[fields.machine] ?? `machine ${fields.machine}`,
      type: TYPES[fields.type] ?? "other",
      ...interpreter === void 0 ? {} : { interpreter },
      ...dynamic,
      isStatic: interpreter === void 0 && dynamic.needed.length === 0
    };
  } catch (error) {
    if (error instanceof ByteRangeError || error instanceof RangeError) {
      throw new UserError(`${path8} is a malformed ELF file: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    await handle.close();
  }
}
function assertArchitecture(elf, arch, what) {
  if (matchesArchitecture(elf, arch)) return;
  const want = ARCHITECTURE_MACHINES[arch];
  const found = elf.machine === want.machine ? `${elf.elfClass}-bit ${elf.machineName}` : elf.machineName;
  throw new UserError(
    `${what} is ${found} but the kernel is ${arch}: build the program for ${arch} (64-bit Linux), or choose the kernel architecture that matches it.`
  );
}
function matchesArchitecture(elf, arch) {
  const want = ARCHITECTURE_MACHINES[arch];
  return elf.machine === want.machine && elf.elfClass === want.elfClass;
}
async function openForReading(path8) {
  try {
    const handle = await open3(path8, "r");
    const info = await handle.stat();
    if (info.isDirectory()) {
      await handle.close();
      throw new UserError(`${path8} is a directory, not an ELF file.`);
    }
    return { handle, size: info.size };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = error.code;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be opened (${code ?? error})`;
    throw new UserError(`${path8} ${reason}.`, { cause: error });
  }
}
function hex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
function checkMagic(ident, path8) {
  if (ident.length >= 4 && ELF_MAGIC.every((byte, i) => ident[i] === byte)) return;
  const found = ident.subarray(0, 4);
  const hint = MACHO_MAGICS.includes(hex(found).replaceAll(" ", "")) ? " It looks like a macOS (Mach-O) program: build it for Linux." : found[0] === 35 && found[1] === 33 ? " It looks like a script: give the compiled program (or its interpreter) instead." : " Give a compiled Linux program.";
  const shown = found.length === 0 ? "an empty file" : hex(found);
  throw new UserError(
    `${path8} is not an ELF file (magic 7f 45 4c 46 expected, found ${shown}).${hint}`
  );
}
function identify(ident, file) {
  if (ident.length < 16) {
    throw new UserError(
      `${file.path} is truncated: the ELF identification needs 16 bytes, the file has ${file.size}.`
    );
  }
  const elfClass = ident[4] === 1 ? 32 : ident[4] === 2 ? 64 : void 0;
  if (elfClass === void 0) {
    throw new UserError(
      `${file.path} is a malformed ELF file: class byte ${ident[4]} is neither 1 (32-bit) nor 2 (64-bit).`
    );
  }
  if (ident[5] !== 1 && ident[5] !== 2) {
    throw new UserError(
      `${file.path} is a malformed ELF file: byte-order byte ${ident[5]} is neither 1 (little) nor 2 (big).`
    );
  }
  return { ...file, elfClass, little: ident[5] === 1 };
}
function parseHeader(source, header) {
  const cursor = new ByteCursor(header).seek(16);
  const { u16, u32, word } = reader(cursor, source);
  const type = u16();
  const machine = u16();
  u32();
  word();
  const phoff = word();
  word();
  u32();
  u16();
  const phentsize = u16();
  const phnum = u16();
  return { type, machine, phoff, phentsize, phnum };
}
async function readProgramHeaders(source, phoff, phnum, phentsize) {
  if (phnum === 0) return [];
  const minimum = LAYOUTS[source.elfClass].phentBytes;
  if (phentsize < minimum) {
    throw new UserError(
      `${source.path} is a malformed ELF file: program header entries are ${phentsize} bytes, at least ${minimum} expected.`
    );
  }
  const table = await readAt(source, phoff, phnum * phentsize, "program header table");
  const headers = [];
  for (let i = 0; i < phnum; i++) {
    const cursor = new ByteCursor(table.subarray(i * phentsize, (i + 1) * phentsize));
    const { u32, word } = reader(cursor, source);
    const type = u32();
    if (source.elfClass === 64) u32();
    const offset = word();
    const vaddr = word();
    word();
    const filesz = word();
    headers.push({ type, offset, vaddr, filesz });
  }
  return headers;
}
async function readInterpreter(source, phdrs) {
  const interp = phdrs.find((phdr) => phdr.type === PT_INTERP);
  if (interp === void 0) return void 0;
  if (interp.filesz === 0n || interp.filesz > BigInt(MAX_INTERP_BYTES)) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its interpreter path is ${interp.filesz} bytes (1 to ${MAX_INTERP_BYTES} expected).`
    );
  }
  const bytes = await readAt(source, interp.offset, interp.filesz, "interpreter path (PT_INTERP)");
  const nul = bytes.indexOf(0);
  const path8 = Buffer.from(bytes.subarray(0, nul === -1 ? bytes.length : nul)).toString("utf8");
  if (path8 === "")
    throw new UserError(`${source.path} is a malformed ELF file: its interpreter path is empty.`);
  return path8;
}

// src/image/host-tree.ts
import { lstat, readdir, readlink, stat as stat2 } from "node:fs/promises";
import { join as join2, posix } from "node:path";
async function addHostFile(root, hostPath, imagePath, origin, info) {
  const stats = info ?? await statOrExplain(hostPath, origin);
  if (!stats.isFile()) {
    const kind = stats.isDirectory() ? "a directory (add directories with Dirs or --dir)" : "not a regular file";
    throw new UserError(`${hostPath} (from ${origin}) is ${kind}.`);
  }
  insertNode(root, imagePath, {
    kind: "file",
    source: { kind: "host", path: hostPath, size: stats.size }
  });
}
async function addHostDirectory(root, hostDir, imageDir, origin, logger) {
  const info = await statOrExplain(hostDir, origin);
  if (!info.isDirectory()) {
    await addHostFile(root, hostDir, imageDir, origin, info);
    return;
  }
  await walkDirectory(root, hostDir, imageDir, origin, logger);
}
async function walkDirectory(root, hostDir, imageDir, origin, logger) {
  ensureDirectory(root, imageDir);
  for (const entry of await sortedEntries(hostDir, origin)) {
    const hostPath = join2(hostDir, entry.name);
    const imagePath = posix.join(imageDir, entry.name);
    if (entry.isSymbolicLink()) await addHostSymlink(root, hostPath, imagePath, logger);
    else if (entry.isDirectory()) await walkDirectory(root, hostPath, imagePath, origin, logger);
    else if (entry.isFile()) await addHostFile(root, hostPath, imagePath, origin);
    else logger.debug(`skipping ${hostPath}: not a file, directory or symlink`);
  }
}
async function addMappedDirectory(root, hostPattern, imageDir, origin, logger) {
  const base = posix.dirname(hostPattern);
  const matches = globToRegExp(posix.basename(hostPattern));
  const info = await statOrExplain(base, origin);
  if (!info.isDirectory()) throw new UserError(`${base} (from ${origin}) is not a directory.`);
  const walk = async (hostDir, relative2) => {
    for (const entry of await sortedEntries(hostDir, origin)) {
      const hostPath = join2(hostDir, entry.name);
      const imagePath = posix.join(imageDir, relative2, entry.name);
      const matched = matches.test(entry.name);
      if (entry.isSymbolicLink()) {
        if (matched) await addHostSymlink(root, hostPath, imagePath, logger);
      } else if (entry.isDirectory()) {
        if (matched) ensureDirectory(root, imagePath);
        await walk(hostPath, posix.join(relative2, entry.name));
      } else if (entry.isFile() && matched) {
        await addHostFile(root, hostPath, imagePath, origin);
      }
    }
  };
  await walk(base, "");
}
async function addHostSymlink(root, hostPath, imagePath, logger) {
  const target = await stat2(hostPath).catch(() => void 0);
  if (target === void 0) {
    logger.debug(`skipping broken symlink ${hostPath}`);
    return;
  }
  insertNode(root, imagePath, { kind: "symlink", target: await readlink(hostPath) });
}
function globToRegExp(pattern) {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "\\" && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (char === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) {
        throw new UserError(
          `MapDirs pattern "${pattern}" has an unclosed "[": close the set with "]", or write "\\[" for a literal "[".`
        );
      }
      const body = pattern.slice(i + 1, close);
      const negated = body.startsWith("^");
      const members = (negated ? body.slice(1) : body).replace(/[\\[]/g, "\\$&");
      source += `[${negated ? "^" : ""}${members}]`;
      i = close;
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, "u");
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
async function sortedEntries(hostDir, origin) {
  try {
    const entries = await readdir(hostDir, { withFileTypes: true });
    return entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  } catch (error) {
    throw new UserError(
      `Cannot list directory ${hostDir} (from ${origin}): ${error.message}`,
      {
        cause: error
      }
    );
  }
}
async function statOrExplain(hostPath, origin) {
  try {
    return await stat2(hostPath);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      const broken = await lstat(hostPath).catch(() => void 0);
      const what = broken?.isSymbolicLink() ? "is a broken symbolic link" : "does not exist";
      throw new UserError(`${hostPath} (from ${origin}) ${what}.`, { cause: error });
    }
    throw new UserError(`Cannot read ${hostPath} (from ${origin}): ${error.message}`, {
      cause: error
    });
  }
}

// src/image/libraries.ts
import { basename as basename2, dirname as dirname2, posix as posix2, resolve } from "node:path";

// src/image/sysroot.ts
import { lstat as lstat2, readlink as readlink2, realpath, stat as stat3 } from "node:fs/promises";
import { isAbsolute, join as join3, relative, sep } from "node:path";
var MAX_SYMLINK_HOPS = 40;
async function resolveHostFile(imagePath, root) {
  const resolved = root === void 0 ? await realpathOrUndefined(imagePath) : await resolveInRoot(root, imagePath);
  if (resolved === void 0) return void 0;
  const info = await stat3(resolved).catch(() => void 0);
  return info?.isFile() ? resolved : void 0;
}
async function resolveInRoot(root, path8) {
  let pending = splitNames(path8);
  const resolved = [];
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.shift();
    if (name === ".") continue;
    if (name === "..") {
      resolved.pop();
      continue;
    }
    const candidate = join3(root, ...resolved, name);
    const info = await lstatOrUndefined(candidate);
    if (info === void 0) return void 0;
    if (!info.isSymbolicLink()) {
      resolved.push(name);
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) {
      throw new UserError(
        `Too many symbolic links (more than ${MAX_SYMLINK_HOPS}) while looking up ${path8} inside TargetRoot ${root}: is there a link loop?`
      );
    }
    const target = await readlink2(candidate);
    if (target.startsWith("/")) resolved.length = 0;
    pending = [...splitNames(target), ...pending];
  }
  return join3(root, ...resolved);
}
function isInside(root, hostPath) {
  const fromRoot = relative(root, hostPath);
  const climbs = fromRoot === ".." || fromRoot.startsWith(`..${sep}`);
  return !climbs && !isAbsolute(fromRoot);
}
function splitNames(path8) {
  return path8.split("/").filter((name) => name !== "");
}
async function lstatOrUndefined(path8) {
  try {
    return await lstat2(path8);
  } catch (error) {
    return notFound(error, path8);
  }
}
async function realpathOrUndefined(path8) {
  try {
    return await realpath(path8);
  } catch (error) {
    if (error.code === "ELOOP") {
      throw new UserError(
        `Too many symbolic links while looking up ${path8}: is there a link loop?`,
        {
          cause: error
        }
      );
    }
    return notFound(error, path8);
  }
}
function notFound(error, path8) {
  const code = error.code;
  if (code === "ENOENT" || code === "ENOTDIR") return void 0;
  throw new UserError(`Cannot look up ${path8}: ${error.message}`, { cause: error });
}

// src/image/libraries.ts
var DEFAULT_LIBRARY_DIRS = {
  x86_64: [
    "/lib64",
    "/lib/x86_64-linux-gnu",
    "/usr/lib",
    "/usr/lib64",
    "/usr/lib/x86_64-linux-gnu",
    "/lib"
  ],
  aarch64: [
    "/lib64",
    "/lib/aarch64-linux-gnu",
    "/usr/lib",
    "/usr/lib64",
    "/usr/lib/aarch64-linux-gnu",
    "/lib"
  ]
};
async function discoverLibraries(programPath, options) {
  const logger = options.logger ?? silentLogger;
  const hostPath = resolve(programPath);
  const elf = options.programElf ?? await readElf(hostPath);
  assertArchitecture(elf, options.arch, `program ${programPath}`);
  if (elf.isStatic) return [];
  const program = {
    imagePath: options.programImagePath ?? hostPath,
    hostLookupPath: hostPath,
    hostPath,
    elf
  };
  const found = /* @__PURE__ */ new Map();
  const byName = /* @__PURE__ */ new Map();
  const queue = [];
  const add = (object, neededBy, names) => {
    for (const name of names) if (name !== "") byName.set(name, object);
    if (found.has(object.imagePath)) return;
    found.set(object.imagePath, {
      hostPath: object.hostPath,
      imagePath: object.imagePath,
      neededBy
    });
    logger.debug(`library ${object.imagePath} (from ${object.hostPath}) needed by ${neededBy}`);
    queue.push(object);
  };
  if (elf.interpreter !== void 0) {
    const interpreter = await findInterpreter(program, elf.interpreter, options);
    add(interpreter, program.imagePath, [basename2(elf.interpreter), interpreter.elf.soname ?? ""]);
  }
  queue.push(program);
  while (queue.length > 0) {
    const object = queue.shift();
    for (const name of object.elf.needed) {
      const known = byName.get(name);
      if (known !== void 0) continue;
      const library = await findLibrary(name, object, program, options);
      add(library, object.imagePath, [name]);
    }
  }
  return [...found.values()].sort(
    (a, b) => a.imagePath < b.imagePath ? -1 : a.imagePath > b.imagePath ? 1 : 0
  );
}
function searchDirs(object, program, options) {
  const expand = (entries, from, kind) => entries.map((entry) => expandEntry(entry, from, options, `${kind} of ${from.imagePath}`));
  const ldLibraryPath = (options.ldLibraryPath ?? []).map((dir) => ({
    imageDir: posix2.resolve("/", dir),
    origin: "LD_LIBRARY_PATH"
  }));
  const defaults = defaultDirs(options.arch);
  if (object.elf.runpath.length > 0) {
    return [...ldLibraryPath, ...expand(object.elf.runpath, object, "DT_RUNPATH"), ...defaults];
  }
  const rpaths = expand(object.elf.rpath, object, "DT_RPATH");
  if (object !== program && program.elf.runpath.length === 0) {
    rpaths.push(...expand(program.elf.rpath, program, "DT_RPATH"));
  }
  return [...rpaths, ...ldLibraryPath, ...defaults];
}
function defaultDirs(arch) {
  return DEFAULT_LIBRARY_DIRS[arch].map((dir) => ({ imageDir: dir, origin: "default" }));
}
function expandEntry(entry, object, options, origin) {
  const pattern = /\$(?:ORIGIN\b|\{ORIGIN\})/g;
  if (!pattern.test(entry)) return { imageDir: posix2.resolve("/", entry), origin };
  const imageDir = posix2.resolve("/", entry.replace(pattern, dirname2(object.imagePath)));
  const hostDir = posix2.resolve(entry.replace(pattern, dirname2(object.hostLookupPath)));
  const root = options.targetRoot;
  if (root !== void 0 && isInside(resolve(root), object.hostLookupPath))
    return { imageDir, origin };
  return { imageDir, hostDir, origin };
}
async function findLibrary(name, object, program, options) {
  const dirs = name.includes("/") ? [{ imageDir: posix2.dirname(posix2.resolve("/", name)), origin: "DT_NEEDED path" }] : searchDirs(object, program, options);
  const skipped = [];
  const fileName = posix2.basename(name);
  for (const dir of dirs) {
    const candidate = await tryCandidate(dir, fileName, options, skipped);
    if (candidate !== void 0) return candidate;
  }
  throw notFoundError(name, object, dirs, skipped, options);
}
async function tryCandidate(dir, fileName, options, skipped) {
  const imagePath = posix2.join(dir.imageDir, fileName);
  const hostLookupPath = dir.hostDir !== void 0 ? posix2.join(dir.hostDir, fileName) : withRoot(imagePath, options.targetRoot);
  const hostPath = dir.hostDir !== void 0 ? await resolveHostFile(hostLookupPath, void 0) : await resolveHostFile(imagePath, options.targetRoot);
  if (hostPath === void 0) return void 0;
  let elf;
  try {
    elf = await readElf(hostPath);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    skipped.push(`${hostLookupPath} (not a readable ELF file)`);
    return void 0;
  }
  if (!matchesArchitecture(elf, options.arch)) {
    skipped.push(`${hostLookupPath} (${elf.elfClass}-bit ${elf.machineName})`);
    return void 0;
  }
  return { imagePath, hostLookupPath, hostPath, elf };
}
async function findInterpreter(program, interpreter, options) {
  const skipped = [];
  const exact = await tryCandidate(
    { imageDir: posix2.dirname(interpreter), origin: "PT_INTERP" },
    posix2.basename(interpreter),
    options,
    skipped
  );
  if (exact !== void 0) return exact;
  const dirs = defaultDirs(options.arch);
  for (const dir of dirs) {
    const byName = await tryCandidate(dir, posix2.basename(interpreter), options, skipped);
    if (byName !== void 0) return { ...byName, imagePath: posix2.resolve("/", interpreter) };
  }
  throw notFoundError(
    interpreter,
    program,
    [{ imageDir: posix2.dirname(interpreter), origin: "PT_INTERP" }, ...dirs],
    skipped,
    options
  );
}
function withRoot(imagePath, root) {
  return root === void 0 ? imagePath : posix2.join(resolve(root), imagePath);
}
function notFoundError(name, object, dirs, skipped, options) {
  const where = options.targetRoot === void 0 ? "" : ` inside TargetRoot ${options.targetRoot}`;
  const searched = [...new Set(dirs.map((dir) => dir.hostDir ?? dir.imageDir))].join(", ");
  const skippedText = skipped.length === 0 ? "" : ` Skipped (wrong kind of file): ${skipped.join(", ")}.`;
  return new UserError(
    `Cannot find shared library ${name}, needed by ${object.imagePath} (${object.hostPath}). Searched${where}: ${searched}.${skippedText} Install it for ${options.arch}, add its directory to Env LD_LIBRARY_PATH in the config, or set TargetRoot to a sysroot that has it.`
  );
}

// src/image/manifest.ts
var CA_BUNDLE_IMAGE_PATH = "/etc/ssl/certs/ca-certificates.crt";
var DEFAULT_NAME_SERVERS = ["8.8.8.8"];
var HOSTNAME = "uniboot";
var PASSWD = "root:x:0:0:root:/root:/bin/nobash";
var GO_ARCH = { x86_64: "amd64", aarch64: "arm64" };
async function placeProgram(typed, cwd, targetRoot) {
  const imagePath = posix3.resolve("/", typed);
  if (targetRoot !== void 0 && typed.startsWith("/")) {
    const inRoot = await resolveInRoot(resolve2(cwd, targetRoot), typed);
    if (inRoot === void 0)
      throw new UserError(`Program ${typed} does not exist inside TargetRoot ${targetRoot}.`);
    return { argv0: typed, hostPath: inRoot, imagePath };
  }
  return { argv0: typed, hostPath: resolve2(cwd, typed), imagePath };
}
function configFiles(entries, cwd, origin = "Files") {
  return entries.map((entry) => ({
    host: posix3.join(cwd, entry),
    image: posix3.resolve("/", entry),
    origin
  }));
}
async function buildRootFilesystem(input, deps = {}) {
  const logger = deps.logger ?? silentLogger;
  const tree = emptyDirectory();
  const manifest = /* @__PURE__ */ new Map();
  const arguments_ = [];
  const environment = /* @__PURE__ */ new Map();
  manifest.set("arguments", arguments_);
  manifest.set("environment", environment);
  const klibs = klibList(input);
  if (input.caBundlePath) {
    await addHostFile(
      tree,
      resolve2(input.cwd, input.caBundlePath),
      CA_BUNDLE_IMAGE_PATH,
      "the CA bundle"
    );
  }
  await addHostFile(tree, input.program.hostPath, input.program.imagePath, "Program");
  const programElf = await readElf(input.program.hostPath);
  assertArchitecture(programElf, input.arch, `program ${input.program.argv0}`);
  manifest.set("program", input.program.imagePath);
  addTextFile(tree, "/etc/resolv.conf", resolvConf(input.nameServers));
  addTextFile(tree, "/proc/sys/kernel/hostname", HOSTNAME);
  if (lookupNode(tree, "/etc/passwd") === void 0) addTextFile(tree, "/etc/passwd", PASSWD);
  if (klibs.length > 0) manifest.set("klibs", "bootfs");
  await addUserContent(tree, input, logger);
  arguments_.push(input.program.argv0, ...input.args);
  setDebugKeys(manifest, input);
  setEnvironment(environment, input);
  setMounts(tree, manifest, input.mounts);
  if (input.network?.ipAddress || input.network?.ipv6Address) setAddress(manifest, input.network);
  if (input.ports.length > 0) environment.set("OPS_PORT", input.ports.join(","));
  const libraries = await addLibraries(tree, input, programElf, logger);
  setNics(manifest, input.nics ?? []);
  for (const [key, value] of Object.entries(input.passthrough)) {
    manifest.set(key, toManifestValue(value, `ManifestPassthrough.${key}`));
  }
  return { tree, manifest, klibs, libraries };
}
function klibList(input) {
  const klibs = [...input.klibs];
  if (klibs.includes("cloud_init")) klibs.push("tls");
  if (Object.hasOwn(input.env, "RADAR_KEY")) klibs.push("tls", "radar");
  if (Object.hasOwn(input.passthrough, "firewall")) klibs.push("firewall");
  return [...new Set(klibs)];
}
function addTextFile(tree, imagePath, text) {
  insertNode(tree, imagePath, {
    kind: "file",
    source: { kind: "bytes", bytes: new TextEncoder().encode(text) }
  });
}
function resolvConf(nameServers) {
  const servers = nameServers.length > 0 ? nameServers : DEFAULT_NAME_SERVERS;
  return servers.map((server) => `nameserver  ${server}
`).join("");
}
async function addUserContent(tree, input, logger) {
  for (const file of input.files) {
    await addHostFile(
      tree,
      resolve2(input.cwd, file.host),
      posix3.resolve("/", file.image),
      file.origin ?? "Files"
    );
  }
  for (const [pattern, imageDir] of Object.entries(input.mapDirs).sort(
    ([a], [b]) => a < b ? -1 : a > b ? 1 : 0
  )) {
    const host = pattern.startsWith("/") && input.targetRoot ? posix3.join(input.targetRoot, pattern) : pattern;
    await addMappedDirectory(
      tree,
      resolve2(input.cwd, host),
      posix3.resolve("/", imageDir),
      `MapDirs "${pattern}"`,
      logger
    );
  }
  for (const dir of input.dirs) {
    await addHostDirectory(
      tree,
      resolve2(input.cwd, dir),
      posix3.resolve("/", dir),
      `Dirs "${dir}"`,
      logger
    );
  }
}
function setDebugKeys(manifest, input) {
  if (input.rebootOnExit) manifest.set("reboot_on_exit", "t");
  for (const flag of input.debugflags) manifest.set(flag, "t");
  if (input.noTrace.length > 0) manifest.set("notrace", [...input.noTrace]);
}
function setEnvironment(environment, input) {
  environment.set("USER", "root");
  environment.set("PWD", "/");
  environment.set("NANOS_VERSION", input.nanosVersion);
  environment.set("NANOS_ARCH", GO_ARCH[input.arch]);
  environment.set("IMAGE_NAME", input.imageName);
  for (const [name, value] of Object.entries(input.env)) environment.set(name, value);
  if (Object.hasOwn(input.env, "RADAR_KEY") && !Object.hasOwn(input.env, "RADAR_IMAGE_NAME")) {
    environment.set("RADAR_IMAGE_NAME", input.imageName);
  }
}
function setMounts(tree, manifest, mounts) {
  const entries = Object.entries(mounts);
  if (entries.length === 0) return;
  const tuple = /* @__PURE__ */ new Map();
  for (const [volume, given] of entries) {
    const mountPoint = given.startsWith("/") ? given : `/${given}`;
    const directory = mountPoint.split(":")[0];
    if (posix3.resolve(directory) === "/") {
      throw new UserError(
        `Mounts "${volume}": mount point "${given}" must be a directory other than "/" (e.g. "/data" or "/data:ro").`
      );
    }
    ensureDirectory(tree, directory);
    tuple.set(volume, mountPoint);
  }
  manifest.set("mounts", tuple);
}
function setAddress(manifest, address) {
  manifest.set("ipaddr", address.ipAddress ?? "");
  manifest.set("netmask", address.netmask ?? "");
  manifest.set("gateway", address.gateway ?? "");
  manifest.set("ip6addr", address.ipv6Address ?? "");
}
function setNics(manifest, nics) {
  nics.forEach((nic, index) => {
    if (index === 0) {
      setAddress(manifest, { ...nic, ipv6Address: "" });
      return;
    }
    const tuple = /* @__PURE__ */ new Map([
      ["ipaddr", nic.ipAddress ?? ""],
      ["netmask", nic.netmask ?? ""],
      ["gateway", nic.gateway ?? ""]
    ]);
    manifest.set(`en${index + 1}`, tuple);
  });
}
async function addLibraries(tree, input, programElf, logger) {
  const ldLibraryPath = input.env.LD_LIBRARY_PATH?.split(":").filter((dir) => dir !== "");
  const libraries = await discoverLibraries(input.program.hostPath, {
    arch: input.arch,
    programImagePath: input.program.imagePath,
    programElf,
    ...input.targetRoot === void 0 ? {} : { targetRoot: resolve2(input.cwd, input.targetRoot) },
    ...ldLibraryPath === void 0 ? {} : { ldLibraryPath },
    logger
  });
  for (const library of libraries) {
    await addHostFile(
      tree,
      library.hostPath,
      library.imagePath,
      `a library needed by ${library.neededBy}`
    );
  }
  return libraries;
}

// src/image/index.ts
function kernelPieces(plan, toolchain) {
  const { kernelOverrides } = plan;
  const bootImg = kernelOverrides.bootImg ?? toolchain.bootImg;
  if (bootImg === void 0) {
    throw new UserError(
      `The kernel in ${toolchain.dir} has no boot.img, which a bootable x86_64 disk needs. Use a complete Nanos release or kernel directory.`
    );
  }
  return {
    kernelImg: kernelOverrides.kernelImg ?? toolchain.kernelImg,
    bootImg,
    klibsDir: kernelOverrides.klibsDir ?? toolchain.klibsDir
  };
}
function klibFiles(names, klibsDir, toolchain) {
  return names.map((name) => {
    if (klibsDir === void 0 || klibsDir === toolchain.klibsDir && !toolchain.klibs.includes(name)) {
      throw new UserError(
        `Klib "${name}" is not in the kernel's klibs/ (${klibsDir ?? "none"}); available: ${toolchain.klibs.join(", ") || "none"}. Remove it from Klibs or use a kernel that ships it.`
      );
    }
    return { name, path: path.join(klibsDir, name) };
  });
}
async function buildImage(plan, toolchain, options) {
  const logger = options.logger ?? silentLogger;
  const pieces = kernelPieces(plan, toolchain);
  const root = await buildRootFilesystem(
    { ...plan.manifest, nanosVersion: toolchain.version, arch: options.arch },
    { logger }
  );
  logger.info(
    `packing ${plan.manifest.program.argv0} with ${root.libraries.length} shared libraries into ${plan.output}`
  );
  const info = await writeImage(
    {
      bootImg: pieces.bootImg,
      kernelImg: pieces.kernelImg,
      klibs: klibFiles(root.klibs, pieces.klibsDir, toolchain),
      root,
      minSizeBytes: plan.minSizeBytes
    },
    plan.output,
    logger
  );
  return {
    ...info,
    name: plan.imageName,
    manifest: root.manifest,
    klibs: root.klibs,
    libraries: root.libraries,
    kernelVersion: toolchain.version
  };
}

// src/kernel/index.ts
import { mkdir as mkdir3, mkdtemp, rm as rm4 } from "node:fs/promises";
import os from "node:os";
import path4 from "node:path";

// src/retry.ts
var DEFAULT_RETRY = { attempts: 3, minDelayMs: 2e3, maxDelayMs: 1e4 };
var sleepWithTimer = (ms) => new Promise((resolve3) => setTimeout(resolve3, ms));
async function retry(fn, call) {
  if (!Number.isInteger(call.attempts) || call.attempts < 1) {
    throw new Error(`retry: attempts must be a whole number >= 1, got ${call.attempts}`);
  }
  if (call.minDelayMs > call.maxDelayMs) {
    throw new Error(`retry: minDelayMs ${call.minDelayMs} exceeds maxDelayMs ${call.maxDelayMs}`);
  }
  const sleep = call.sleep ?? sleepWithTimer;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= call.attempts || !call.isRetryable(error)) throw error;
      const delayMs = retryDelayMs(attempt, call);
      call.logger.info(
        `${call.label}: attempt ${attempt} of ${call.attempts} failed: ${errorMessage(error)}; retrying after ${delayMs} ms`
      );
      await sleep(delayMs);
    }
  }
}
function retryDelayMs(attempt, options) {
  return Math.min(options.maxDelayMs, options.minDelayMs * 2 ** (attempt - 1));
}

// src/kernel/cache.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from "node:crypto";
import { cp, mkdir as mkdir2, rename as rename2, rm as rm2 } from "node:fs/promises";
import path2 from "node:path";

// src/fs-checks.ts
import { stat as stat4 } from "node:fs/promises";
async function isFile(file) {
  try {
    return (await stat4(file)).isFile();
  } catch {
    return false;
  }
}
async function isDirectory(dir) {
  try {
    return (await stat4(dir)).isDirectory();
  } catch {
    return false;
  }
}

// src/kernel/urls.ts
var VERSION_PATTERN = /^\d+\.\d+\.\d+(\.\d+)*(-[0-9A-Za-z.-]+)?$/;
function isExplicitVersion(version) {
  return VERSION_PATTERN.test(version);
}
function checkExplicitVersion(version, origin, advice) {
  if (!isExplicitVersion(version)) {
    throw new UserError(
      `${origin} gave the Nanos version '${version}', which is not a release version like 0.1.55; ${advice}`
    );
  }
}
function normalizeBaseUrl(baseUrl) {
  return baseUrl.replace(/\/+$/, "");
}
function latestUrl(baseUrl) {
  return `${normalizeBaseUrl(baseUrl)}/latest.txt`;
}
function releaseUrls(baseUrl, version, arch) {
  const stem = `${normalizeBaseUrl(baseUrl)}/${version}/${assetStem(version, arch)}`;
  return { archive: `${stem}.tar.gz`, md5: `${stem}.md5`, assetName: assetName(version, arch) };
}
function assetName(version, arch) {
  return `${assetStem(version, arch)}.tar.gz`;
}
function assetStem(version, arch) {
  const suffix = arch === "aarch64" ? "-virt" : "";
  return version === "nightly" ? `nanos-nightly-linux${suffix}` : `nanos-release-linux-${version}${suffix}`;
}

// src/kernel/cache.ts
function kernelCacheKey(version, arch, baseUrl) {
  const base = normalizeBaseUrl(baseUrl);
  if (base === normalizeBaseUrl(OFFICIAL_KERNEL_BASE_URL)) return { tool: "nanos", version, arch };
  const hash = createHash3("sha256").update(base).digest("hex").slice(0, 16);
  return { tool: `nanos-${hash}`, version, arch };
}
function renderCacheKey(key) {
  return `${key.tool}-${key.version}-${key.arch}`;
}
function directoryCache(rootDir) {
  const entryDir = (key) => path2.join(rootDir, key.tool, key.version, key.arch);
  return {
    async find(key) {
      const dir = entryDir(key);
      return await isDirectory(dir) ? dir : void 0;
    },
    async save(key, dir) {
      const target = entryDir(key);
      await mkdir2(path2.dirname(target), { recursive: true });
      const staging = `${target}.partial-${randomBytes2(6).toString("hex")}`;
      try {
        await moveDirectory(dir, staging);
        await rename2(staging, target);
      } catch (error) {
        if (!await isDirectory(target)) throw error;
      } finally {
        await rm2(staging, { recursive: true, force: true });
      }
      return target;
    }
  };
}
async function moveDirectory(from, to) {
  try {
    await rename2(from, to);
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await rm2(from, { recursive: true, force: true });
  }
}

// src/kernel/download.ts
import { createHash as createHash4 } from "node:crypto";
import { open as open4, rm as rm3 } from "node:fs/promises";

// src/kernel/http-get.ts
var MAX_REDIRECTS = 5;
var IDLE_TIMEOUT_MS = 3e4;
async function requestOnce(url) {
  const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  return new Promise((resolve3, reject) => {
    const request = client.get(url, { headers: { "user-agent": "nanoship" } }, resolve3);
    request.setTimeout(IDLE_TIMEOUT_MS, () => {
      request.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1e3} s`));
    });
    request.on("error", reject);
  });
}
async function httpGet(url) {
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(current);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== void 0) {
      response.resume();
      if (redirects === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      continue;
    }
    return { status, url: current.toString(), body: response };
  }
}

// src/kernel/download.ts
var HttpError = class extends Error {
  constructor(status, url) {
    super(`HTTP ${status} from ${url}`);
    this.status = status;
    this.url = url;
  }
  status;
  url;
  name = "HttpError";
};
var NetworkError = class extends Error {
  name = "NetworkError";
  constructor(url, cause) {
    super(`network error fetching ${url}: ${describeCause(cause)}`, { cause });
  }
};
function isRetryableDownloadError(error) {
  if (error instanceof NetworkError) return true;
  if (error instanceof HttpError) {
    return error.status >= 500 || error.status === 408 || error.status === 429;
  }
  return false;
}
async function downloadFile(url, dest, options) {
  return retry(() => downloadAttempt(url, dest), retryCall(url, options));
}
async function downloadAttempt(url, dest) {
  const { body } = await get(url);
  const sha256 = createHash4("sha256");
  const md5 = createHash4("md5");
  let bytes = 0;
  const file = await open4(dest, "wx");
  try {
    for await (const chunk of readBody(body, url)) {
      sha256.update(chunk);
      md5.update(chunk);
      bytes += chunk.length;
      await file.write(chunk);
    }
    await file.close();
  } catch (error) {
    await file.close().catch(() => {
    });
    await rm3(dest, { force: true });
    throw error;
  }
  return { path: dest, bytes, sha256: sha256.digest("hex"), md5: md5.digest("hex") };
}
async function fetchText(url, options) {
  return retry(
    async () => {
      const { body } = await get(url);
      let text = "";
      for await (const chunk of readBody(body, url)) text += Buffer.from(chunk).toString("utf8");
      return text.trim();
    },
    retryCall(url, options)
  );
}
function retryCall(url, options) {
  return {
    ...options.retry ?? DEFAULT_RETRY,
    label: url,
    isRetryable: isRetryableDownloadError,
    logger: options.logger
  };
}
function describeDownloadFailure(error, url, attempts) {
  if (error instanceof HttpError && error.status === 404) return void 0;
  if (error instanceof HttpError && !isRetryableDownloadError(error)) {
    return new UserError(
      `the server refused ${url} with HTTP ${error.status}; check --kernel-base-url (input kernel-base-url) and that the mirror allows anonymous reads`,
      { cause: error }
    );
  }
  if (isRetryableDownloadError(error)) {
    return new UserError(
      `could not download ${url} after ${attempts} attempt(s): ${errorMessage(error)}; check the network or proxy, or use a mirror with --kernel-base-url`,
      { cause: error }
    );
  }
  return void 0;
}
async function get(url) {
  let response;
  try {
    response = await httpGet(url);
  } catch (error) {
    throw new NetworkError(url, error);
  }
  if (response.status < 200 || response.status >= 300) {
    response.body.destroy();
    throw new HttpError(response.status, url);
  }
  return response;
}
async function* readBody(body, url) {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw new NetworkError(url, error);
  }
}
function describeCause(cause) {
  const inner = cause instanceof Error && cause.cause !== void 0 ? cause.cause : void 0;
  return inner === void 0 ? errorMessage(cause) : `${errorMessage(cause)} (${errorMessage(inner)})`;
}

// kernel/releases.json
var releases_default = {};

// src/kernel/types.ts
var KERNEL_ARCHES = ["x86_64", "aarch64"];

// src/kernel/version-order.ts
function compareVersionsDescending(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
  }
  return b.localeCompare(a);
}

// src/kernel/releases.ts
var SHA256_PATTERN = /^[0-9a-f]{64}$/;
function defaultKnownReleases() {
  return parseKnownReleases(releases_default, "kernel/releases.json");
}
function parseKnownReleases(json, origin) {
  if (!isObject(json)) throw new Error(`${origin}: expected an object keyed by version`);
  for (const [version, assets] of Object.entries(json)) {
    if (!isObject(assets)) throw new Error(`${origin}: ${version} is not an object keyed by arch`);
    for (const [arch, asset] of Object.entries(assets)) {
      checkKnownAsset(asset, version, arch, `${origin}: ${version}.${arch}`);
    }
  }
  return json;
}
function checkKnownAsset(asset, version, arch, where) {
  if (!KERNEL_ARCHES.includes(arch)) {
    throw new Error(`${where}: unknown architecture`);
  }
  if (!isObject(asset) || typeof asset.url !== "string" || typeof asset.sha256 !== "string") {
    throw new Error(`${where}: expected { "url": string, "sha256": string }`);
  }
  if (!SHA256_PATTERN.test(asset.sha256)) {
    throw new Error(`${where}: sha256 must be 64 lowercase hex digits`);
  }
  const downloaded = assetName(version, arch);
  if (asset.url !== downloaded) {
    throw new Error(`${where}: url is '${asset.url}', but nanoship downloads ${downloaded} for it`);
  }
}
function findKnownAsset(releases, version, arch) {
  return Object.hasOwn(releases, version) ? releases[version]?.[arch] : void 0;
}
function knownVersions(releases) {
  return Object.keys(releases).sort(compareVersionsDescending);
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/kernel/integrity.ts
var pinHint = (digest) => `pin it with --kernel-sha256 ${digest} (input kernel-sha256)`;
function pinnedDigests(input) {
  const expectations = [];
  const known = findKnownAsset(input.releases, input.version, input.arch);
  if (known !== void 0) {
    expectations.push({
      algorithm: "sha256",
      digest: known.sha256,
      source: "kernel/releases.json"
    });
  }
  if (input.userSha256 !== void 0) {
    expectations.push({
      algorithm: "sha256",
      digest: input.userSha256.toLowerCase(),
      source: "--kernel-sha256"
    });
  }
  return expectations;
}
async function expectedDigests(input, options) {
  const pinned = pinnedDigests(input);
  if (pinned.length > 0) return pinned;
  return [
    { algorithm: "md5", digest: await fetchPublishedMd5(input, options), source: input.urls.md5 }
  ];
}
async function verifyDownload(file, expectations, url, logger) {
  for (const expected of expectations) {
    const actual = expected.algorithm === "sha256" ? file.sha256 : file.md5;
    if (actual !== expected.digest) {
      throw new UserError(
        `${expected.algorithm} mismatch for ${url}: expected ${expected.digest} (from ${expected.source}), got ${actual}; the download was discarded and nothing was cached. If the mirror is right, the pinned digest is wrong; otherwise the file was altered in transit or at the source`
      );
    }
    logger.info(`verified ${expected.algorithm} ${actual} (from ${expected.source})`);
  }
  if (expectations.every((e) => e.algorithm === "md5")) {
    logger.warning(
      `${url} is not in nanoship's kernel/releases.json and no sha256 was given, so it was checked only against the published md5; its sha256 is ${file.sha256}: ${pinHint(file.sha256)}`
    );
  }
}
async function fetchPublishedMd5(input, options) {
  let text;
  try {
    text = await fetchText(input.urls.md5, options);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 403)) {
      throw new UserError(
        `nanoship knows no sha256 for Nanos ${input.version} (${input.arch}), none was given, and there is no ${input.urls.md5} to fall back on; ${pinHint(`<sha256 of ${input.urls.archive}>`)}`,
        { cause: error }
      );
    }
    throw error;
  }
  const digest = text.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (!/^[0-9a-f]{32}$/.test(digest)) {
    throw new UserError(
      `${input.urls.md5} does not hold an md5 digest (got '${text.slice(0, 80)}'); ${pinHint("<sha256>")}`
    );
  }
  return digest;
}

// src/kernel/kernel-dir.ts
import { readdir as readdir2, readFile, writeFile } from "node:fs/promises";
import path3 from "node:path";
var KERNEL_IMG = "kernel.img";
var BOOT_IMG = "boot.img";
var KLIBS_DIR = "klibs";
var UEFI_LOADERS = { x86_64: "bootx64.efi", aarch64: "bootaa64.efi" };
var PROVENANCE_FILE = ".nanoship-kernel.json";
var BUILD_HINT = "build Nanos from source (git clone https://github.com/nanovms/nanos && cd nanos && make release; add PLATFORM=virt for aarch64) and point --kernel-dir at the resulting release/ folder";
async function describeKernelDir(dir, arch) {
  const kernelImg = path3.join(dir, KERNEL_IMG);
  const bootImg = path3.join(dir, BOOT_IMG);
  const uefiLoader = path3.join(dir, UEFI_LOADERS[arch]);
  const klibsDir = path3.join(dir, KLIBS_DIR);
  const [klibs, hasKernelImg, hasBootImg, hasUefiLoader] = await Promise.all([
    listFiles(klibsDir),
    isFile(kernelImg),
    arch === "x86_64" && isFile(bootImg),
    isFile(uefiLoader)
  ]);
  const present = { [KERNEL_IMG]: hasKernelImg, [BOOT_IMG]: hasBootImg };
  return {
    dir,
    kernelImg,
    bootImg: hasBootImg ? bootImg : void 0,
    uefiLoader: hasUefiLoader ? uefiLoader : void 0,
    klibsDir: klibs === void 0 ? void 0 : klibsDir,
    klibs: klibs ?? [],
    missing: requiredFiles(arch).filter((name) => !present[name])
  };
}
async function useLocalKernel(localDir, arch) {
  const dir = path3.resolve(localDir);
  if (!await isDirectory(dir)) {
    throw new UserError(
      `the kernel directory ${dir} (--kernel-dir / input kernel-dir) does not exist; ${BUILD_HINT}`
    );
  }
  const { missing, ...files } = await describeKernelDir(dir, arch);
  if (missing[0] !== void 0) {
    throw new UserError(
      `the kernel directory ${dir} has no ${missing[0]}; it needs ${requiredFiles(arch).join(" and ")} (klibs/ optional): ${BUILD_HINT}`
    );
  }
  return { ...files, version: "local", sha256: await sha256File(files.kernelImg), source: "local" };
}
async function writeProvenance(dir, provenance) {
  await writeFile(path3.join(dir, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}
`);
}
async function readProvenance(dir) {
  try {
    const parsed = JSON.parse(await readFile(path3.join(dir, PROVENANCE_FILE), "utf8"));
    const p = parsed;
    return typeof p.url === "string" && typeof p.sha256 === "string" && typeof p.version === "string" ? { version: p.version, url: p.url, sha256: p.sha256 } : void 0;
  } catch {
    return void 0;
  }
}
function requiredFiles(arch) {
  return arch === "x86_64" ? [KERNEL_IMG, BOOT_IMG] : [KERNEL_IMG];
}
async function listFiles(dir) {
  if (!await isDirectory(dir)) return void 0;
  const entries = await readdir2(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}

// src/kernel/index.ts
var RELEASES_PAGE = "https://github.com/nanovms/nanos/releases";
async function resolveKernel(request, deps) {
  checkArch(request.arch);
  if (request.localDir !== void 0) {
    deps.logger.info(`using the local kernel directory ${request.localDir}`);
    return useLocalKernel(request.localDir, request.arch);
  }
  const version = await resolveVersion(request, deps);
  const urls = releaseUrls(request.baseUrl, version, request.arch);
  const key = kernelCacheKey(version, request.arch, request.baseUrl);
  const cached = version === "nightly" ? void 0 : await deps.cache.find(key);
  if (cached !== void 0) return useCachedKernel(cached, version, request, urls, deps);
  return downloadRelease(version, request, urls, key, deps);
}
async function resolveVersion(request, deps) {
  if (request.version === "nightly") {
    deps.logger.warning(
      'kernel version "nightly" cannot be pinned: each run may get a different kernel. Use an explicit version such as 0.1.55 for reproducible images'
    );
    return "nightly";
  }
  if (request.version !== "latest") {
    checkExplicitVersion(
      request.version,
      // The plan names the exact source when it checks the same pattern; this guards the URL.
      "--kernel-version (input kernel-version) or NanosVersion in config.json",
      "use an explicit version, 'latest' or 'nightly'"
    );
    return request.version;
  }
  const url = latestUrl(request.baseUrl);
  const version = await fetchOrExplain(url, () => fetchText(url, downloadOptions(deps)), {
    notFound: `there is no ${url}, so "latest" cannot be resolved; check --kernel-base-url (input kernel-base-url) or give an explicit version`,
    attempts: retryAttempts(deps)
  });
  checkExplicitVersion(
    version,
    url,
    "check --kernel-base-url (input kernel-base-url) or give an explicit version"
  );
  deps.logger.info(`resolved latest to ${version}`);
  return version;
}
async function useCachedKernel(dir, version, request, urls, deps) {
  const [{ missing, ...files }, provenance] = await Promise.all([
    describeKernelDir(dir, request.arch),
    readProvenance(dir)
  ]);
  if (missing.length > 0) {
    throw new UserError(`the cached kernel ${dir} is incomplete; delete that folder and run again`);
  }
  const releases = deps.releases ?? defaultKnownReleases();
  const pins = pinnedDigests({ version, arch: request.arch, releases, userSha256: request.sha256 });
  const unmet = pins.find((pin) => pin.digest !== provenance?.sha256);
  if (unmet !== void 0) {
    throw new UserError(
      `the cached kernel ${dir} came from an archive with sha256 ${provenance?.sha256 ?? "unknown"}, but ${unmet.digest} is required (from ${unmet.source}); delete that folder to download and verify it again`
    );
  }
  deps.logger.info(`using Nanos ${version} (${request.arch}) from the cache: ${dir}`);
  return {
    ...files,
    version,
    sha256: provenance?.sha256,
    url: provenance?.url ?? urls.archive,
    source: "cache"
  };
}
async function downloadRelease(version, request, urls, key, deps) {
  const scratchRoot = deps.tempDir ?? os.tmpdir();
  await mkdir3(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(path4.join(scratchRoot, "nanoship-kernel-"));
  try {
    const archive = await fetchVerifiedArchive(version, request, urls, scratch, deps);
    const extracted = path4.join(scratch, "kernel");
    await mkdir3(extracted);
    const { extractTarGz } = await import("./tar-extract-VKRVNYZL.mjs");
    await extractTarGz(archive.path, extracted, urls.archive);
    const { missing } = await describeKernelDir(extracted, request.arch);
    if (missing[0] !== void 0) {
      throw new UserError(
        `the archive ${urls.archive} has no ${missing[0]}, so it is not a Nanos ${request.arch} release; check the version and --kernel-base-url`
      );
    }
    await writeProvenance(extracted, { version, url: urls.archive, sha256: archive.sha256 });
    const dir = await saveToCache(version, archive.sha256, key, extracted, deps);
    deps.logger.info(`cached Nanos ${version} (${request.arch}) at ${dir}`);
    const { missing: _checkedAbove, ...files } = await describeKernelDir(dir, request.arch);
    return { ...files, version, sha256: archive.sha256, url: urls.archive, source: "download" };
  } finally {
    await rm4(scratch, { recursive: true, force: true });
  }
}
function saveToCache(version, sha256, key, extracted, deps) {
  if (version !== "nightly") return deps.cache.save(key, extracted);
  return deps.cache.save({ ...key, version: `nightly-${sha256.slice(0, 12)}` }, extracted, {
    share: false
  });
}
async function fetchVerifiedArchive(version, request, urls, scratch, deps) {
  const releases = deps.releases ?? defaultKnownReleases();
  const attempts = retryAttempts(deps);
  deps.logger.info(`downloading ${urls.archive}`);
  const archive = await fetchOrExplain(
    urls.archive,
    () => downloadFile(urls.archive, path4.join(scratch, urls.assetName), downloadOptions(deps)),
    { notFound: versionNotFound(version, urls.archive, releases), attempts }
  );
  const input = { version, arch: request.arch, urls, releases, userSha256: request.sha256 };
  const expectations = await fetchOrExplain(
    urls.md5,
    () => expectedDigests(input, downloadOptions(deps)),
    { attempts }
  );
  await verifyDownload(archive, expectations, urls.archive, deps.logger);
  return archive;
}
async function fetchOrExplain(url, fetchIt, explain) {
  try {
    return await fetchIt();
  } catch (error) {
    if (error instanceof HttpError && error.status === 404 && explain.notFound !== void 0) {
      throw new UserError(explain.notFound, { cause: error });
    }
    throw describeDownloadFailure(error, url, explain.attempts) ?? error;
  }
}
function versionNotFound(version, url, releases) {
  const known = knownVersions(releases).slice(0, 5);
  const list = known.length > 0 ? `nanoship knows ${known.join(", ")}; all releases: ${RELEASES_PAGE}` : RELEASES_PAGE;
  return `Nanos version ${version} not found at ${url}; check the version (list: ${list}) or --kernel-base-url (input kernel-base-url)`;
}
function checkArch(arch) {
  if (!KERNEL_ARCHES.includes(arch)) {
    throw new UserError(
      `Nanos kernels are published for ${KERNEL_ARCHES.join(" and ")}, not '${arch}'; choose one of those architectures`
    );
  }
}
function downloadOptions(deps) {
  return { logger: deps.logger, retry: deps.retry };
}
function retryAttempts(deps) {
  return (deps.retry ?? DEFAULT_RETRY).attempts;
}

// src/pipeline.ts
async function runPipeline(plan, deps) {
  const { logger } = deps;
  const result = {};
  const { kernel, build, smoke } = plan;
  if (kernel) {
    result.toolchain = await logger.group(
      "Nanos kernel",
      () => resolveKernel(kernel, { cache: deps.kernelCache, logger, tempDir: deps.tempDir })
    );
  }
  if (build && kernel && result.toolchain) {
    const toolchain = result.toolchain;
    result.image = await logger.group(
      `Image ${build.imageName}`,
      () => buildImage(build, toolchain, { arch: kernel.arch, logger })
    );
  }
  const imagePath = result.image?.path ?? plan.image;
  if (smoke && imagePath !== void 0) {
    const options = smokeOptions(smoke, imagePath, result.toolchain, deps);
    const { runSmoke } = await import("./smoke-L4B5D7RC.mjs");
    result.smoke = await logger.group(
      "Smoke test (QEMU console)",
      () => runSmoke(options, { logger, signal: deps.signal })
    );
  }
  if (plan.publish && imagePath !== void 0) {
    if (result.smoke !== void 0 && result.smoke.verdict !== "pass") return result;
    const publishPlan = plan.publish;
    const arch = kernel?.arch ?? publishPlan.arch;
    const image = result.image ? imageFromBuild(result.image, arch) : await imageFromFile(imagePath, { arch, name: publishPlan.imageName });
    result.published = await logger.group(
      `Publish to ${publishPlan.targets.join(" and ")}`,
      () => publishImage(publishPlan, image, {
        logger,
        recorder: deps.recorder ?? noRecorder,
        signal: deps.signal
      })
    );
  }
  return result;
}
function smokeOptions(plan, image, toolchain, deps) {
  if (plan.bootMode === "direct" && toolchain === void 0) {
    throw new Error("direct boot was planned without a kernel stage");
  }
  return {
    image,
    bootMode: plan.bootMode,
    kernelImg: toolchain?.kernelImg,
    accel: plan.accel,
    memoryMiB: plan.memoryMiB,
    cpus: plan.cpus,
    probes: plan.probes.map(
      (probe) => probe.kind === "http" ? { ...probe, expectStatus: plan.expectStatus, expectBody: plan.expectBody } : probe
    ),
    expectExit: plan.expectExit,
    expectOutput: plan.expectOutput,
    timeoutMs: plan.timeoutMs,
    consoleLog: plan.consoleLog ?? `${image.replace(/\.img$/, "")}.console.log`,
    workDir: deps.tempDir,
    onConsole: deps.onConsole,
    onVmStart: deps.onVmStart
  };
}

// src/plan/options.ts
function emptyOptions() {
  return {
    args: [],
    env: [],
    files: [],
    dirs: [],
    probes: [],
    publish: [],
    awsCopyRegions: [],
    awsShareAccounts: [],
    awsTags: [],
    gcpLabels: []
  };
}
var ACTION_INPUT_IDS = /* @__PURE__ */ new Map([
  ["arg", "args"],
  ["file", "files"],
  ["dir", "dirs"]
]);
var cliOptionName = (name) => name === "program" ? "the <program> argument" : `--${name}`;
var publishCommandOptionName = (name) => name === "publish" ? "the <cloud> argument" : cliOptionName(name);
var actionInputName = (name) => `input "${ACTION_INPUT_IDS.get(name) ?? name}"`;

// src/plan/plan.ts
import path7 from "node:path";

// src/plan/build-plan.ts
import path5 from "node:path";

// src/plan/validate.ts
function parseInteger(raw, name, namer, range, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new UserError(`${namer(name)} must be a whole number, got "${raw}".`);
  }
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw new UserError(
      `${namer(name)} must be between ${range.min} and ${range.max}, got ${value}.`
    );
  }
  return value;
}
function parseChoice(raw, name, namer, choices, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (!choices.includes(text)) {
    throw new UserError(`${namer(name)} must be one of ${choices.join(", ")}, got "${raw}".`);
  }
  return text;
}
var SIZE_UNITS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
var MAX_SIZE_BYTES = 2 ** 32 * 512;
function parseSize(raw, where) {
  const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(raw.trim());
  if (!match) {
    throw new UserError(
      `${where} must be a size such as 512m, 2g or 1048576 (k/m/g are 1024-based), got "${raw}".`
    );
  }
  const bytes = Number(match[1]) * (SIZE_UNITS[match[2].toLowerCase()] ?? 1);
  if (bytes > MAX_SIZE_BYTES) {
    throw new UserError(
      `${where} must be at most 2 TiB (2048g, the most an MBR partition table can describe), got "${raw}".`
    );
  }
  return Math.ceil(bytes / 512) * 512;
}
function parseRegExp(raw, name, namer) {
  if (raw === void 0 || raw === "") return void 0;
  try {
    return new RegExp(raw, "m");
  } catch (error) {
    throw new UserError(`${namer(name)} is not a valid regular expression: ${raw}`, {
      cause: error
    });
  }
}
function parseKeyValue(raw, name, namer) {
  const at = raw.indexOf("=");
  if (at <= 0) {
    throw new UserError(`${namer(name)} takes KEY=VALUE, got "${raw}".`);
  }
  return [raw.slice(0, at), raw.slice(at + 1)];
}
var DURATION_UNITS_MS = {
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 7 * 864e5
};
function parseDuration(raw, name, namer) {
  if (raw === void 0 || raw.trim() === "") return void 0;
  const match = /^(\d+)\s*([mhdw])$/i.exec(raw.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UserError(
      `${namer(name)} must be a duration such as 30m, 72h, 90d or 2w, got "${raw}".`
    );
  }
  return Number(match[1]) * DURATION_UNITS_MS[match[2].toLowerCase()];
}
function parseBoolean(raw, name, namer, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (["true", "True", "TRUE"].includes(text)) return true;
  if (["false", "False", "FALSE"].includes(text)) return false;
  throw new UserError(`${namer(name)} must be true or false, got "${raw}".`);
}
function splitList(entries) {
  return entries.flatMap((entry) => entry.split(/[,\n]/)).map((item) => item.trim()).filter((item) => item !== "");
}

// src/plan/build-plan.ts
var HOST_CA_BUNDLES = [
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/cert.pem"
];
function parseFileOption(raw, namer, cwd) {
  const at = raw.lastIndexOf(":");
  const host = at > 0 ? raw.slice(0, at) : raw;
  const image = at > 0 ? raw.slice(at + 1) : path5.posix.resolve("/", raw);
  if (host === "" || !image.startsWith("/")) {
    throw new UserError(`${namer("file")} takes host-path or host-path:/image/path, got "${raw}".`);
  }
  return { host: path5.resolve(cwd, host), image, origin: namer("file") };
}
function planImageName(options, config, program, namer) {
  const configName = config.CloudConfig?.ImageName;
  const name = options.imageName ?? configName ?? path5.basename(program);
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return name;
  const allowed = 'must start with a letter or digit and may only hold letters, digits, ".", "_" and "-"';
  if (options.imageName !== void 0) {
    throw new UserError(`${namer("image-name")} "${name}" ${allowed}.`);
  }
  if (configName !== void 0) {
    throw new UserError(`config.json CloudConfig.ImageName "${name}" ${allowed}.`);
  }
  throw new UserError(
    `The image name "${name}", taken from the program's file name, ${allowed}: give a name with ${namer("image-name")}.`
  );
}
async function planCaBundle(raw, cwd) {
  if (raw === "none") return null;
  if (raw !== void 0) return path5.resolve(cwd, raw);
  for (const candidate of HOST_CA_BUNDLES) if (await isFile(candidate)) return candidate;
  return null;
}
async function planBuild(options, config, context) {
  const { cwd, namer } = context;
  const typed = options.program ?? config.Program;
  if (typed === void 0 || typed.trim() === "") {
    throw new UserError(
      `No program to pack: give its path (${namer("program")}) or set "Program" in config.json.`
    );
  }
  const program = await placeProgram(typed, cwd, config.TargetRoot);
  if (!await isFile(program.hostPath)) {
    throw new UserError(
      `Program ${typed} does not exist or is not a file (looked for ${program.hostPath}). Build it first, or fix the path given as ${options.program ? namer("program") : "config.json Program"}.`
    );
  }
  const imageName = planImageName(options, config, typed, namer);
  const env = { ...config.Env };
  for (const entry of options.env) {
    const [key, value] = parseKeyValue(entry, "env", namer);
    env[key] = value;
  }
  const sizeSource = options.size ?? config.BaseVolumeSz;
  return {
    imageName,
    output: path5.resolve(cwd, options.output ?? path5.join(".nanoship", `${imageName}.img`)),
    minSizeBytes: sizeSource === void 0 ? void 0 : parseSize(sizeSource, options.size ? namer("size") : "config.json BaseVolumeSz"),
    // A kernel directory given as a flag or input replaces config.json's kernel pieces whole.
    kernelOverrides: options.kernelDir ? {} : {
      kernelImg: config.Kernel && path5.resolve(cwd, config.Kernel),
      bootImg: config.Boot && path5.resolve(cwd, config.Boot),
      klibsDir: config.KlibDir && path5.resolve(cwd, config.KlibDir)
    },
    manifest: {
      program,
      args: options.args.length > 0 ? options.args : config.Args ?? [],
      env,
      files: [
        ...configFiles(config.Files ?? [], cwd),
        ...options.files.map((raw) => parseFileOption(raw, namer, cwd))
      ],
      dirs: [...config.Dirs ?? [], ...options.dirs],
      mapDirs: config.MapDirs ?? {},
      nameServers: config.NameServers ?? [],
      klibs: config.Klibs ?? [],
      passthrough: config.ManifestPassthrough ?? {},
      mounts: config.Mounts ?? {},
      rebootOnExit: config.RebootOnExit ?? false,
      debugflags: config.Debugflags ?? [],
      noTrace: config.NoTrace ?? [],
      network: networkOf(config),
      nics: config.RunConfig?.Nics?.map((nic) => ({
        ipAddress: nic.IPAddress,
        ipv6Address: nic.IPv6Address,
        netmask: nic.NetMask,
        gateway: nic.Gateway
      })),
      ports: config.RunConfig?.Ports ?? [],
      caBundlePath: await planCaBundle(options.caBundle, cwd),
      imageName,
      cwd,
      targetRoot: config.TargetRoot && path5.resolve(cwd, config.TargetRoot)
    }
  };
}
function networkOf(config) {
  const run = config.RunConfig;
  if (!run?.IPAddress && !run?.IPv6Address) return void 0;
  return {
    ipAddress: run.IPAddress,
    ipv6Address: run.IPv6Address,
    netmask: run.NetMask,
    gateway: run.Gateway
  };
}

// src/plan/kernel-plan.ts
import path6 from "node:path";
var ARCH_ALIASES = {
  x86_64: "x86_64",
  amd64: "x86_64",
  x64: "x86_64",
  aarch64: "aarch64",
  arm64: "aarch64"
};
function planKernel(options, namer, cwd, configVersion) {
  const fromOption = options.kernelVersion !== void 0;
  const raw = fromOption ? options.kernelVersion : configVersion;
  const version = (raw ?? "").trim() || DEFAULT_KERNEL_VERSION;
  if (version !== "latest" && version !== "nightly" && !isExplicitVersion(version)) {
    const where = fromOption ? namer("kernel-version") : "config.json NanosVersion";
    throw new UserError(
      `${where} must be a release such as 0.1.55, "latest" or "nightly", got "${version}".`
    );
  }
  const baseUrl = (options.kernelBaseUrl ?? "").trim() || OFFICIAL_KERNEL_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new UserError(
      `${namer("kernel-base-url")} must be an http(s) URL such as ${OFFICIAL_KERNEL_BASE_URL}, got "${baseUrl}".`
    );
  }
  const sha256 = (options.kernelSha256 ?? "").trim().toLowerCase() || void 0;
  if (sha256 !== void 0 && !SHA256_PATTERN.test(sha256)) {
    throw new UserError(
      `${namer("kernel-sha256")} must be 64 hexadecimal digits (a sha256), got "${options.kernelSha256}".`
    );
  }
  const localDir = (options.kernelDir ?? "").trim() || void 0;
  if (localDir !== void 0 && sha256 !== void 0) {
    throw new UserError(
      `${namer("kernel-dir")} and ${namer("kernel-sha256")} cannot be used together: a local kernel is not downloaded, so there is no archive to check. Remove one of them.`
    );
  }
  return {
    version,
    baseUrl: normalizeBaseUrl(baseUrl),
    sha256,
    localDir: localDir === void 0 ? void 0 : path6.resolve(cwd, localDir),
    arch: planArch(options.arch, namer)
  };
}
function planArch(raw, namer) {
  const text = (raw ?? "").trim().toLowerCase();
  if (text === "") return "x86_64";
  const arch = ARCH_ALIASES[text];
  if (arch === void 0) {
    throw new UserError(
      `${namer("arch")} must be x86_64 (amd64) or aarch64 (arm64), got "${raw}".`
    );
  }
  return arch;
}

// src/cloud/naming.ts
function channelOf(provenance) {
  if (provenance.version) return "release";
  if (provenance.pr !== void 0) return `pr-${provenance.pr}`;
  const branch = /^refs\/heads\/(.+)$/.exec(provenance.ref ?? "")?.[1];
  if (branch) return `branch-${branch}`;
  return "local";
}

// src/plan/publish-plan.ts
var CLOUDS = ["aws", "gcp"];
var AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
var AWS_SHARE_PATTERN = /^(\d{12}|arn:aws[a-z-]*:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$/;
var KEEP_RANGE = { min: 1, max: 1e3 };
var GCP_PROJECT_VARIABLES = [
  "CLOUDSDK_CORE_PROJECT",
  "CLOUDSDK_PROJECT",
  "GOOGLE_CLOUD_PROJECT",
  "GCLOUD_PROJECT",
  "GCP_PROJECT"
];
function parseTargets(raw, namer) {
  const targets = [];
  for (const item of splitList(raw)) {
    const cloud = item.toLowerCase();
    if (!CLOUDS.includes(cloud)) {
      throw new UserError(`${namer("publish")} takes aws and/or gcp, got "${item}".`);
    }
    if (!targets.includes(cloud)) targets.push(cloud);
  }
  return targets;
}
function planPublish(options, namer, env, provenance) {
  const targets = parseTargets(options.publish, namer);
  if (targets.length === 0) return void 0;
  return {
    targets,
    aws: targets.includes("aws") ? planAws(options, namer, env) : void 0,
    gcp: targets.includes("gcp") ? planGcp(options, namer, env) : void 0,
    provenance,
    channel: channelOf(provenance),
    imageName: options.imageName?.trim() || void 0,
    arch: planArch(options.arch, namer)
  };
}
function planAws(options, namer, env) {
  const region = (options.awsRegion?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
  if (!region) {
    throw new UserError(
      `Publishing to AWS needs a region: set ${namer("aws-region")}, or AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).`
    );
  }
  const copyRegions = splitList(options.awsCopyRegions);
  for (const [name, value] of [
    ["aws-region", region],
    ...copyRegions.map((r) => ["aws-copy-regions", r])
  ]) {
    if (!AWS_REGION_PATTERN.test(value)) {
      throw new UserError(
        `${namer(name)} must be an AWS region such as us-east-1, got "${value}".`
      );
    }
  }
  const shareAccounts = splitList(options.awsShareAccounts);
  for (const account of shareAccounts) {
    if (!AWS_SHARE_PATTERN.test(account)) {
      throw new UserError(
        `${namer("aws-share-accounts")} takes 12-digit account ids or organisation / OU ARNs (arn:aws:organizations::123456789012:organization/o-\u2026), got "${account}".`
      );
    }
  }
  const isPublic = parseBoolean(options.awsPublic, "aws-public", namer, false);
  const kmsKeyId = options.awsKmsKeyId?.trim() || void 0;
  if (isPublic && kmsKeyId !== void 0) {
    throw new UserError(
      `${namer("aws-public")} cannot be combined with ${namer("aws-kms-key-id")}: AWS does not allow encrypted AMIs to be public.`
    );
  }
  return {
    region,
    copyRegions: copyRegions.filter((r) => r !== region),
    shareAccounts,
    public: isPublic,
    kmsKeyId,
    tags: parseUserTags(options.awsTags, "aws-tags", namer, checkAwsTag),
    keep: parseInteger(options.awsKeep, "aws-keep", namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.awsDeprecateAfter, "aws-deprecate-after", namer)
  };
}
function planGcp(options, namer, env) {
  const bucket = options.gcpBucket?.trim().replace(/^gs:\/\//, "").replace(/\/+$/, "");
  if (!bucket) {
    throw new UserError(
      `Publishing to Google Cloud needs a staging bucket for the upload: set ${namer("gcp-bucket")} to a Cloud Storage bucket the credentials can write to.`
    );
  }
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UserError(`${namer("gcp-bucket")} is not a Cloud Storage bucket name: "${bucket}".`);
  }
  const project = options.gcpProject?.trim() || GCP_PROJECT_VARIABLES.map((name) => env[name]?.trim()).find((value) => value) || void 0;
  const family = options.gcpImageFamily?.trim() || void 0;
  if (family !== void 0 && !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(family)) {
    throw new UserError(
      `${namer("gcp-image-family")} must be 1\u201363 lower-case letters, digits and hyphens, starting with a letter, got "${family}".`
    );
  }
  return {
    project,
    bucket,
    family,
    storageLocation: options.gcpStorageLocation?.trim() || void 0,
    labels: parseUserTags(options.gcpLabels, "gcp-labels", namer, checkGcpLabel),
    keep: parseInteger(options.gcpKeep, "gcp-keep", namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.gcpDeprecateAfter, "gcp-deprecate-after", namer),
    computeEndpoint: endpointOverride(env, "COMPUTE", "/compute/v1/"),
    storageEndpoint: endpointOverride(env, "STORAGE", "/storage/v1/")
  };
}
function endpointOverride(env, api, apiPath) {
  const variable = `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`;
  const raw = env[variable]?.trim();
  if (!raw) return void 0;
  let url;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new UserError(`${variable} must be a URL such as https://host${apiPath}, got "${raw}".`, {
      cause: error
    });
  }
  const path8 = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  if (!["http:", "https:"].includes(url.protocol) || path8 !== "/" && path8 !== apiPath) {
    throw new UserError(
      `${variable} must be an http(s) URL whose path is ${apiPath} (the client adds it), got "${raw}".`
    );
  }
  return `${url.protocol}//${url.host}${apiPath}`;
}
function parseUserTags(entries, name, namer, check) {
  const tags = {};
  for (const entry of entries) {
    if (entry.trim() === "") continue;
    const [key, value] = parseKeyValue(entry.trim(), name, namer);
    const problem = check(key, value);
    if (problem !== void 0) throw new UserError(`${namer(name)}: "${entry}" ${problem}.`);
    tags[key] = value;
  }
  return tags;
}
var checkAwsTag = (key, value) => {
  if (/^(aws|nanoship):/i.test(key))
    return "uses a reserved prefix (aws: and nanoship: are not yours to set)";
  if (key.length > 128) return "has a key longer than 128 characters";
  if (value.length > 256) return "has a value longer than 256 characters";
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${key}${value}`)) {
    return "holds a character AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ are allowed)";
  }
  return void 0;
};
var checkGcpLabel = (key, value) => {
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(key)) {
    return "has a key that is not 1\u201363 lower-case letters, digits, _ or -, starting with a letter";
  }
  if (key.startsWith("nanoship")) return "uses the reserved prefix nanoship";
  if (!/^[a-z0-9_-]{0,63}$/.test(value)) {
    return "has a value that is not at most 63 lower-case letters, digits, _ or -";
  }
  return void 0;
};

// src/plan/smoke-plan.ts
var DEFAULT_SMOKE_TIMEOUT_S = 120;
var DEFAULT_SMOKE_MEMORY_MIB = 512;
function parseProbe(raw, namer) {
  const bad = () => new UserError(
    `${namer("probe")} must look like http://:8080/path or tcp://:5432 (a guest port), got "${raw}".`
  );
  const match = /^(http|tcp):\/\/(localhost|127\.0\.0\.1)?:(\d{1,5})(\/.*)?$/.exec(raw.trim());
  if (!match) throw bad();
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw bad();
  if (match[1] === "tcp") {
    if (match[4] !== void 0 && match[4] !== "/") throw bad();
    return { kind: "tcp", port };
  }
  return { kind: "http", port, path: match[4] ?? "/" };
}
function parseProbes(raw, namer) {
  const probes = raw.map((probe) => parseProbe(probe, namer));
  if (probes.some((p) => p.kind === "tcp") && probes.some((p) => p.port === TCP_CANARY_GUEST_PORT)) {
    throw new UserError(
      `${namer("probe")} cannot use guest port ${TCP_CANARY_GUEST_PORT} together with a TCP probe: TCP probes use it as a port where nothing listens. Probe another port.`
    );
  }
  return probes;
}
function planSmoke(options, namer) {
  return {
    probes: parseProbes(options.probes, namer),
    expectStatus: parseInteger(
      options.expectStatus,
      "expect-status",
      namer,
      { min: 100, max: 599 },
      200
    ),
    expectBody: parseRegExp(options.expectBody, "expect-body", namer),
    expectExit: parseInteger(options.expectExit, "expect-exit", namer, { min: 0, max: 255 }),
    expectOutput: parseRegExp(options.expectOutput, "expect-output", namer),
    timeoutMs: 1e3 * parseInteger(
      options.timeout,
      "timeout",
      namer,
      { min: 1, max: 3600 },
      DEFAULT_SMOKE_TIMEOUT_S
    ),
    accel: parseChoice(options.accel, "accel", namer, ["auto", "kvm", "tcg"], "auto"),
    bootMode: parseChoice(
      options.bootMode,
      "boot-mode",
      namer,
      ["disk", "direct"],
      "disk"
    ),
    memoryMiB: parseInteger(
      options.memory,
      "memory",
      namer,
      { min: 64, max: 65536 },
      DEFAULT_SMOKE_MEMORY_MIB
    ),
    cpus: parseInteger(options.cpus, "cpus", namer, { min: 1, max: 64 }, 1),
    consoleLog: options.consoleLog?.trim() || void 0
  };
}

// src/plan/plan.ts
async function loadConfig(file, cwd) {
  const { loadConfigFile } = await import("./config-L7EGEEWD.mjs");
  return loadConfigFile(path7.resolve(cwd, file));
}
async function planFromOptions(options, stages, context) {
  const config = options.config ? await loadConfig(options.config, context.cwd) : {};
  const smoke = stages.smoke ? planSmoke(options, context.namer) : void 0;
  const needsKernel = stages.kernel || stages.build || smoke?.bootMode === "direct";
  return {
    kernel: needsKernel ? planKernel(options, context.namer, context.cwd, config.NanosVersion) : void 0,
    build: stages.build ? await planBuild(options, config, context) : void 0,
    smoke,
    publish: stages.publish ? planPublish(options, context.namer, context.env ?? {}, context.provenance ?? {}) : void 0
  };
}

export {
  githubRunFromEnv,
  renderCacheKey,
  directoryCache,
  runPipeline,
  emptyOptions,
  cliOptionName,
  publishCommandOptionName,
  actionInputName,
  planFromOptions
};
