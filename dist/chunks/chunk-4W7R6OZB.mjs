#!/usr/bin/env node
import {
  runUrlFromEnv
} from "./chunk-NOYHZJHO.mjs";
import {
  FORK_PREVIEW_NOTICE,
  isForkPullRequest
} from "./chunk-FR7OTKT4.mjs";
import {
  silentLogger
} from "./chunk-E4MGHMJU.mjs";
import {
  KERNEL_ARCHES,
  checkExplicitVersion,
  defaultKnownReleases,
  findKnownAsset,
  gcpEndpoints,
  gcpProjectFromEnv,
  knownVersions,
  latestUrl,
  normalizeBaseUrl,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseKeyValue,
  parseRegExp,
  parseSize,
  planKernel,
  planPublish,
  releaseUrls,
  splitList
} from "./chunk-5AHXHABJ.mjs";
import {
  toManifestValue
} from "./chunk-U4C62QU5.mjs";
import {
  DEFAULT_RETRY,
  retry
} from "./chunk-DERJX6PK.mjs";
import {
  LOG_EXTENSION_BYTES,
  LOG_EXTENSION_SECTORS,
  SECTOR_BYTES,
  TupleEncoder,
  checkLabel,
  encodeInitialExtension,
  encodeLogExtensions,
  formatUuid,
  sortByName
} from "./chunk-YHTQLIQR.mjs";
import {
  OFFICIAL_KERNEL_BASE_URL
} from "./chunk-U2EJU7B7.mjs";
import {
  TCP_CANARY_GUEST_PORT,
  assertArchitecture,
  isDirectory,
  isFile,
  matchesArchitecture,
  readElf
} from "./chunk-ZBSW6YTE.mjs";
import {
  sha256File
} from "./chunk-XVSDGWPF.mjs";
import {
  KLOG_AREA_BYTES,
  MBR_BYTES,
  PartitionType,
  REGION_TYPE_STAGE2,
  decodeMbr,
  writePartitionTable
} from "./chunk-HCBQV7ZK.mjs";
import {
  cp,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdirEntries,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  unlink,
  writeFile
} from "./chunk-A2KG4ATD.mjs";
import {
  readFully
} from "./chunk-ZBWKTN27.mjs";
import {
  ByteCursor
} from "./chunk-AS4ERZIM.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/kernel/cache.ts
const { createHash, randomBytes } = process.getBuiltinModule("node:crypto");
const path = process.getBuiltinModule("node:path");
function kernelCacheKey(version, arch, baseUrl) {
  const base = normalizeBaseUrl(baseUrl);
  if (base === normalizeBaseUrl(OFFICIAL_KERNEL_BASE_URL)) return { tool: "nanos", version, arch };
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 16);
  return { tool: `nanos-${hash}`, version, arch };
}
__name(kernelCacheKey, "kernelCacheKey");
function renderCacheKey(key) {
  return `${key.tool}-${key.version}-${key.arch}`;
}
__name(renderCacheKey, "renderCacheKey");
function directoryCache(rootDir) {
  const entryDir = /* @__PURE__ */ __name((key) => path.join(rootDir, key.tool, key.version, key.arch), "entryDir");
  return {
    async find(key) {
      const dir = entryDir(key);
      return await isDirectory(dir) ? dir : void 0;
    },
    async save(key, dir) {
      const target = entryDir(key);
      await mkdir(path.dirname(target), { recursive: true });
      const staging = `${target}.partial-${randomBytes(6).toString("hex")}`;
      try {
        await moveDirectory(dir, staging);
        await rename(staging, target);
      } catch (error) {
        if (!await isDirectory(target)) throw error;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
      return target;
    }
  };
}
__name(directoryCache, "directoryCache");
async function moveDirectory(from, to) {
  try {
    await rename(from, to);
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await rm(from, { recursive: true, force: true });
  }
}
__name(moveDirectory, "moveDirectory");

// src/cloud/types.ts
var noRecorder = { created() {
}, settled() {
} };

// src/kernel/kernel-dir.ts
const path2 = process.getBuiltinModule("node:path");
var KERNEL_IMG = "kernel.img";
var BOOT_IMG = "boot.img";
var KLIBS_DIR = "klibs";
var UEFI_LOADERS = { x86_64: "bootx64.efi", aarch64: "bootaa64.efi" };
var PROVENANCE_FILE = ".nanoship-kernel.json";
var BUILD_HINT = "build Nanos from source (git clone https://github.com/nanovms/nanos && cd nanos && make release; add PLATFORM=virt for aarch64) and point --kernel-dir at the resulting release/ folder";
async function describeKernelDir(dir, arch) {
  const kernelImg = path2.join(dir, KERNEL_IMG);
  const bootImg = path2.join(dir, BOOT_IMG);
  const uefiLoader = path2.join(dir, UEFI_LOADERS[arch]);
  const klibsDir = path2.join(dir, KLIBS_DIR);
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
__name(describeKernelDir, "describeKernelDir");
async function useLocalKernel(localDir, arch) {
  const dir = path2.resolve(localDir);
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
  await assertKernelArch(files.kernelImg, dir, arch);
  return { ...files, version: "local", source: "local" };
}
__name(useLocalKernel, "useLocalKernel");
async function withLocalDigest(toolchain) {
  if (toolchain.source !== "local" || toolchain.sha256 !== void 0) return toolchain;
  return { ...toolchain, sha256: await sha256File(toolchain.kernelImg) };
}
__name(withLocalDigest, "withLocalDigest");
async function assertKernelArch(kernelImg, dir, arch) {
  const elf = await readElf(kernelImg).catch(() => void 0);
  if (elf === void 0 || matchesArchitecture(elf, arch)) return;
  throw new UserError(
    `the kernel directory ${dir} holds a kernel built for ${elf.machineName}, but arch is ${arch}: point --kernel-dir (input kernel-dir) at an ${arch} kernel, or set arch (--arch, input arch) to the kernel's.`
  );
}
__name(assertKernelArch, "assertKernelArch");
async function writeProvenance(dir, provenance) {
  await writeFile(path2.join(dir, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}
`);
}
__name(writeProvenance, "writeProvenance");
async function readProvenance(dir) {
  try {
    const parsed = JSON.parse(await readFile(path2.join(dir, PROVENANCE_FILE), "utf8"));
    const p = parsed;
    return typeof p.url === "string" && typeof p.sha256 === "string" && typeof p.version === "string" ? { version: p.version, url: p.url, sha256: p.sha256 } : void 0;
  } catch {
    return void 0;
  }
}
__name(readProvenance, "readProvenance");
function requiredFiles(arch) {
  return arch === "x86_64" ? [KERNEL_IMG, BOOT_IMG] : [KERNEL_IMG];
}
__name(requiredFiles, "requiredFiles");
async function listFiles(dir) {
  if (!await isDirectory(dir)) return void 0;
  const entries = await readdirEntries(dir);
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}
__name(listFiles, "listFiles");

// src/image/index.ts
const path3 = process.getBuiltinModule("node:path");

// src/image/disk.ts
const { randomBytes: randomBytes2 } = process.getBuiltinModule("node:crypto");
const { basename, dirname, join } = process.getBuiltinModule("node:path");

// src/image/boot-record.ts
var MAX_BOOT_IMG_BYTES = 1024 * 1024;
var REGION_OFFSET = 426;
var SIGNATURE_OFFSET = 510;
var SIGNATURE = 43605;
var STAGE2_LOAD_ADDRESS = 32768;
function encodeBootStub() {
  const sector = new Uint8Array(MBR_BYTES);
  const cursor = new ByteCursor(sector).seek(REGION_OFFSET);
  cursor.writeU64le(STAGE2_LOAD_ADDRESS);
  cursor.writeU64le(0);
  cursor.writeU32le(REGION_TYPE_STAGE2);
  cursor.seek(SIGNATURE_OFFSET).writeU16le(SIGNATURE);
  return sector;
}
__name(encodeBootStub, "encodeBootStub");
async function readBootImage(path7) {
  const bytes = await readBootFile(path7);
  const mbr = decodeMbr(bytes);
  if (!mbr.hasSignature)
    throw notStage1(path7, "its first sector does not end with the 55 AA boot signature");
  if (mbr.region.type !== REGION_TYPE_STAGE2) {
    throw notStage1(
      path7,
      `its stage1 region record has type ${mbr.region.type}, expected ${REGION_TYPE_STAGE2}`
    );
  }
  if (mbr.region.length !== bytes.length - MBR_BYTES) {
    throw notStage1(
      path7,
      `its stage1 says stage2 has ${mbr.region.length} bytes, but ${bytes.length - MBR_BYTES} follow it`
    );
  }
  return bytes;
}
__name(readBootImage, "readBootImage");
async function readBootFile(path7) {
  let handle;
  try {
    handle = await open(path7, "r");
    const info = await handle.stat();
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size < MBR_BYTES || info.size > MAX_BOOT_IMG_BYTES) {
      throw notStage1(
        path7,
        `it has ${info.size} bytes, expected 512 bytes of stage1 plus stage2 (under 1 MiB)`
      );
    }
    return new Uint8Array(await handle.readFile());
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read boot.img at ${path7}: ${error.message}.`, {
      cause: error
    });
  } finally {
    await handle?.close();
  }
}
__name(readBootFile, "readBootFile");
function notStage1(path7, reason) {
  return new UserError(
    `${path7} is not a Nanos boot.img: ${reason}. Use the boot.img shipped with the same kernel release.`
  );
}
__name(notStage1, "notStage1");

// src/image/image-sink.ts
const { createHash: createHash2 } = process.getBuiltinModule("node:crypto");
var BLOCK_BYTES = 4096;
var MIN_STAGING_BYTES = 256 * 1024;
var MAX_STAGING_BYTES = 1024 * 1024;
var ZEROS = Buffer.alloc(64 * 1024);
function stagingBytesFor(dataBytes) {
  const ideal = Math.sqrt(3 * 1024 * Math.max(dataBytes, 0));
  const nearestPowerOfTwo = 2 ** Math.round(Math.log2(Math.max(ideal, 1)));
  return Math.min(MAX_STAGING_BYTES, Math.max(MIN_STAGING_BYTES, nearestPowerOfTwo));
}
__name(stagingBytesFor, "stagingBytesFor");
var ImageSink = class {
  static {
    __name(this, "ImageSink");
  }
  #handle;
  #hash = createHash2("sha256");
  /** How much of each staging buffer is used (a pooled buffer may be longer). */
  #stagingBytes;
  /** Being filled and hashed. */
  #staging;
  /** Free for the next chunk: a host file's next bytes are read into it ahead of time. */
  #next;
  /** Being written to disk by `#inFlight` (or free once that has settled). */
  #writing;
  /** The write of `#writing`'s content, at most one at a time. */
  #inFlight = Promise.resolve();
  /** File offset of staging[0]; always a multiple of BLOCK_BYTES. */
  #stagingStart = 0;
  #stagingUsed = 0;
  /** Set once the staging buffers went back to the pool: a second release would share them. */
  #released = false;
  /**
   * Zeros written but not hashed yet. They are hashed just before the next bytes that are, so
   * that a host file's first read (which nothing else overlaps) runs while they are hashed: the
   * 10 MiB that end every boot filesystem hide the program's first read entirely.
   */
  #zerosToHash = 0;
  /** Host files being closed: nothing waits for that until the image is finished. */
  #closing = [];
  /**
   * Wraps an open, empty, writable file; `stagingBytes` (a multiple of 4 KiB, see
   * `stagingBytesFor`) is the size of each chunk. The caller closes the file.
   */
  constructor(handle, stagingBytes = MAX_STAGING_BYTES) {
    if (!(stagingBytes >= BLOCK_BYTES && stagingBytes % BLOCK_BYTES === 0)) {
      throw new Error(`staging buffers must be whole 4 KiB blocks, not ${stagingBytes} bytes`);
    }
    this.#handle = handle;
    this.#stagingBytes = stagingBytes;
    this.#staging = takeStagingBuffer(stagingBytes);
    this.#next = takeStagingBuffer(stagingBytes);
    this.#writing = takeStagingBuffer(stagingBytes);
  }
  get position() {
    return this.#stagingStart + this.#stagingUsed;
  }
  async write(bytes) {
    this.#hashZeros();
    this.#hash.update(bytes);
    let done = 0;
    while (done < bytes.length) {
      const count = Math.min(bytes.length - done, this.#stagingBytes - this.#stagingUsed);
      this.#staging.set(bytes.subarray(done, done + count), this.#stagingUsed);
      this.#stagingUsed += count;
      done += count;
      if (this.#stagingUsed === this.#stagingBytes) await this.#flush();
    }
  }
  async writeZeros(count) {
    this.#zerosToHash += count;
    const toBoundary = (BLOCK_BYTES - this.#stagingUsed % BLOCK_BYTES) % BLOCK_BYTES;
    let left = count;
    left -= this.#stageZeros(Math.min(left, toBoundary));
    if (left === 0 && this.#stagingUsed < this.#stagingBytes) return;
    await this.#flush();
    const skipped = left - left % BLOCK_BYTES;
    this.#stagingStart += skipped;
    this.#stageZeros(left - skipped);
  }
  /**
   * Streams the file chunk by chunk: each chunk fills the staging buffer up to its end, and
   * the read of the following chunk (into `#next`) starts before this one is hashed.
   */
  async writeHostFile(path7, size) {
    const input = await openHostFile(path7);
    let ahead;
    try {
      let chunk = size === 0 ? void 0 : this.#startChunk(input, path7, size, 0, this.#staging, this.#stagingUsed);
      this.#hashZeros();
      let sizeNow;
      while (chunk !== void 0) {
        await chunk.read;
        const end = chunk.position + chunk.length;
        const following = end < size ? this.#startChunk(input, path7, size, end, this.#next, 0) : void 0;
        if (following === void 0) sizeNow = currentSize(input);
        ahead = following?.read ?? sizeNow;
        this.#hash.update(chunk.buffer.subarray(chunk.offset, chunk.offset + chunk.length));
        this.#stagingUsed += chunk.length;
        if (this.#stagingUsed === this.#stagingBytes) await this.#flush();
        chunk = following;
      }
      const now = await (sizeNow ?? currentSize(input));
      if (now !== size) throw changedWhileWriting(path7, size, now);
    } finally {
      await ahead?.catch(() => {
      });
      const closed = input.close();
      closed.catch(() => {
      });
      this.#closing.push(closed);
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
    this.#hashZeros();
    await this.#inFlight;
    await Promise.all(this.#closing);
    this.#release();
    await this.#handle.truncate(sizeBytes);
    return this.#hash.digest("hex");
  }
  /** Waits for the write in flight, ignoring its outcome; for callers cleaning up a failure. */
  async settle() {
    await this.#inFlight.catch(() => {
    });
    await Promise.allSettled(this.#closing);
    this.#release();
  }
  /** Hands the staging buffers back for the next image; the sink is done with them. */
  #release() {
    if (this.#released) return;
    this.#released = true;
    releaseStagingBuffers([this.#staging, this.#next, this.#writing]);
  }
  #hashZeros() {
    for (let left = this.#zerosToHash; left > 0; left -= ZEROS.length) {
      this.#hash.update(ZEROS.subarray(0, Math.min(left, ZEROS.length)));
    }
    this.#zerosToHash = 0;
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
  /** Starts reading the host file from `position` into `buffer`, up to its end or the file's. */
  #startChunk(input, path7, size, position, buffer, offset) {
    const length = Math.min(size - position, this.#stagingBytes - offset);
    const read = readFully(input, buffer, offset, length, position).then((got) => {
      if (got < length) throw changedWhileWriting(path7, size, position + got);
    });
    read.catch(() => {
    });
    return { buffer, offset, length, position, read };
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
var freeStagingBuffers = [];
var MAX_FREE_STAGING_BUFFERS = 6;
function takeStagingBuffer(bytes) {
  const index = freeStagingBuffers.findLastIndex((buffer) => buffer.length >= bytes);
  if (index < 0) return Buffer.allocUnsafeSlow(bytes);
  return freeStagingBuffers.splice(index, 1)[0];
}
__name(takeStagingBuffer, "takeStagingBuffer");
function releaseStagingBuffers(buffers) {
  for (const buffer of buffers) {
    if (freeStagingBuffers.length < MAX_FREE_STAGING_BUFFERS) freeStagingBuffers.push(buffer);
  }
}
__name(releaseStagingBuffers, "releaseStagingBuffers");
function isZero(buffer, start, end) {
  for (let i = start; i < Math.min(end, start + 16); i++) if (buffer[i] !== 0) return false;
  return buffer.compare(ZEROS, 0, end - start, start, end) === 0;
}
__name(isZero, "isZero");
function currentSize(input) {
  const size = input.stat().then((info) => info.size);
  size.catch(() => {
  });
  return size;
}
__name(currentSize, "currentSize");
async function openHostFile(path7) {
  try {
    return await open(path7, "r");
  } catch (error) {
    throw new UserError(
      `Cannot read ${path7} to put it into the image: ${error.message}.`,
      {
        cause: error
      }
    );
  }
}
__name(openHostFile, "openHostFile");
function changedWhileWriting(path7, expected, actual) {
  return new UserError(
    `${path7} changed while the image was being written: it had ${expected} bytes when the image was planned and now has ${actual}. Build again once the file no longer changes.`
  );
}
__name(changedWhileWriting, "changedWhileWriting");

// src/image/tfs.ts
const { createHash: createHash3 } = process.getBuiltinModule("node:crypto");
var MAX_EXTENT_SECTORS = 65536;
var FIRST_EXTENSION_SECTOR = 1;
function sourceSize(source) {
  return source.kind === "host" ? source.size : source.bytes.length;
}
__name(sourceSize, "sourceSize");
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
__name(planTfs, "planTfs");
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
__name(writeTfs, "writeTfs");
function deriveUuid(label, record) {
  const digest = createHash3("sha256").update("nanoship tfs uuid\0").update(label).update("\0");
  const uuid = Uint8Array.from(digest.update(record).digest().subarray(0, 16));
  uuid[6] = uuid[6] & 15 | 128;
  uuid[8] = uuid[8] & 63 | 128;
  return uuid;
}
__name(deriveUuid, "deriveUuid");
function padding(sizeBytes) {
  return (SECTOR_BYTES - sizeBytes % SECTOR_BYTES) % SECTOR_BYTES;
}
__name(padding, "padding");
function sectorsOf(sizeBytes) {
  return Math.ceil(sizeBytes / SECTOR_BYTES);
}
__name(sectorsOf, "sectorsOf");
function collectFiles(dir, prefix = "") {
  const files = [];
  for (const [name, node] of sortByName(dir.children)) {
    const path7 = `${prefix}/${name}`;
    if (node.kind === "file") {
      files.push({ path: path7, source: node.source, sizeBytes: sourceSize(node.source), startSector: 0 });
    } else if (node.kind === "directory") {
      files.push(...collectFiles(node, path7));
    }
  }
  return files;
}
__name(collectFiles, "collectFiles");
function placeFiles(files, dataStart) {
  let next = dataStart;
  for (const file of files) {
    file.startSector = next;
    next += sectorsOf(file.sizeBytes);
  }
  return next;
}
__name(placeFiles, "placeFiles");
function encodeRootRecord(fs, files) {
  const placed = new Map(files.map((file) => [file.path, file]));
  const root = new Map(fs.manifest);
  root.set("children", childrenTuple(fs.tree, "", placed));
  const out = ByteCursor.forWriting(64 * 1024);
  new TupleEncoder().encodeValue(out, root);
  return out.toBytes();
}
__name(encodeRootRecord, "encodeRootRecord");
function childrenTuple(dir, prefix, placed) {
  const children = /* @__PURE__ */ new Map();
  for (const [name, node] of dir.children) {
    const path7 = `${prefix}/${name}`;
    children.set(name, nodeTuple(node, path7, placed));
  }
  return children;
}
__name(childrenTuple, "childrenTuple");
function nodeTuple(node, path7, placed) {
  switch (node.kind) {
    case "directory":
      return /* @__PURE__ */ new Map([["children", childrenTuple(node, path7, placed)]]);
    case "symlink":
      return /* @__PURE__ */ new Map([["linktarget", node.target]]);
    case "file": {
      const file = placed.get(path7);
      return /* @__PURE__ */ new Map([
        ["extents", extentsTuple(file)],
        ["filelength", file.sizeBytes]
      ]);
    }
  }
}
__name(nodeTuple, "nodeTuple");
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
__name(extentsTuple, "extentsTuple");

// src/image/tree.ts
function emptyDirectory() {
  return { kind: "directory", children: /* @__PURE__ */ new Map() };
}
__name(emptyDirectory, "emptyDirectory");
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
__name(splitImagePath, "splitImagePath");
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
__name(ensureDirectory, "ensureDirectory");
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
__name(insertNode, "insertNode");
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
__name(lookupNode, "lookupNode");

// src/image/disk.ts
var BOOTFS_BYTES = 12 * 1024 * 1024;
var FREE_SPACE_BYTES = 1024 * 1024;
var SIZE_ROUNDING_BYTES = 1024 * 1024;
async function writeImage(input, outputPath, logger = silentLogger) {
  const plan = await planDisk(input);
  const espOffsetBytes = plan.esp && plan.bootfsOffsetBytes - plan.esp.geometry.partitionBytes;
  logger.debug(
    `Image layout: ${espOffsetBytes === void 0 ? "" : `ESP at ${espOffsetBytes}, `}bootfs at ${plan.bootfsOffsetBytes}, root at ${plan.rootOffsetBytes}, ${plan.root.files.length} files, ${plan.root.metadataBytes} bytes of metadata, total ${plan.sizeBytes} bytes.`
  );
  const stagingBytes = stagingBytesFor(plan.boot.sizeBytes + plan.root.sizeBytes);
  const sha256 = await writeAtomically(
    outputPath,
    (sink) => writeDisk(plan, sink),
    plan.sizeBytes,
    stagingBytes
  );
  return {
    path: outputPath,
    sizeBytes: plan.sizeBytes,
    sha256,
    bootMode: bootModeOf(input),
    ...espOffsetBytes === void 0 ? {} : { espOffsetBytes },
    bootfsOffsetBytes: plan.bootfsOffsetBytes,
    rootOffsetBytes: plan.rootOffsetBytes,
    rootUsedBytes: plan.root.sizeBytes,
    rootUuid: formatUuid(plan.root.uuid),
    files: plan.root.files.length,
    metadataBytes: plan.root.metadataBytes
  };
}
__name(writeImage, "writeImage");
function bootModeOf(input) {
  if (input.uefiLoader === void 0) return "bios";
  return input.bootImg === void 0 ? "uefi" : "hybrid";
}
__name(bootModeOf, "bootModeOf");
async function planDisk(input) {
  checkSize("minSizeBytes", input.minSizeBytes);
  checkRootLabel(input.label ?? "");
  if (input.bootImg === void 0 && input.uefiLoader === void 0) {
    throw new UserError(
      "An image needs a boot loader: the BIOS one (boot.img) or the UEFI one (bootx64.efi / bootaa64.efi) of the kernel release, or both."
    );
  }
  const [bootImg, bootTree, esp] = await Promise.all([
    input.bootImg === void 0 ? encodeBootStub() : readBootImage(input.bootImg),
    bootFilesystem(input.kernelImg, input.klibs),
    input.uefiLoader && planLoaderEsp(input.uefiLoader)
  ]);
  const boot = planTfs(bootTree);
  if (boot.sizeBytes > BOOTFS_BYTES) throw bootfsTooBig(input, boot);
  const root = planTfs(input.root, { uuid: input.uuid, label: input.label ?? "" });
  const firstPartitionBytes = bootImg.length + KLOG_AREA_BYTES;
  const bootfsOffsetBytes = firstPartitionBytes + (esp?.geometry.partitionBytes ?? 0);
  const rootOffsetBytes = bootfsOffsetBytes + BOOTFS_BYTES;
  const sizeBytes = Math.max(
    roundUp(rootOffsetBytes + root.sizeBytes + FREE_SPACE_BYTES, SIZE_ROUNDING_BYTES),
    roundUp(input.minSizeBytes ?? 0, MBR_BYTES)
  );
  const partitions = [
    { type: PartitionType.nanos, offsetBytes: bootfsOffsetBytes, sizeBytes: BOOTFS_BYTES },
    {
      type: PartitionType.nanos,
      offsetBytes: rootOffsetBytes,
      sizeBytes: sizeBytes - rootOffsetBytes
    }
  ];
  if (esp) {
    partitions.unshift({
      type: PartitionType.esp,
      offsetBytes: firstPartitionBytes,
      sizeBytes: esp.geometry.partitionBytes
    });
  }
  const mbr = writePartitionTable(bootImg, partitions);
  const stage2 = bootImg.subarray(MBR_BYTES);
  return { mbr, stage2, esp, boot, root, bootfsOffsetBytes, rootOffsetBytes, sizeBytes };
}
__name(planDisk, "planDisk");
async function planLoaderEsp(loader) {
  const [info, { planEsp }] = await Promise.all([
    statFile(loader.path, "the UEFI loader"),
    import("./esp-QMYW6QJH.mjs")
  ]);
  return planEsp({ arch: loader.arch, path: loader.path, sizeBytes: info.size });
}
__name(planLoaderEsp, "planLoaderEsp");
async function writeDisk(plan, sink) {
  await sink.write(plan.mbr);
  await sink.write(plan.stage2);
  await sink.writeZeros(KLOG_AREA_BYTES);
  if (plan.esp) {
    const { writeFat } = await import("./fat-writer-4RM4SSGQ.mjs");
    await writeFat(plan.esp, sink);
  }
  await writeTfs(plan.boot, sink);
  await sink.writeZeros(plan.rootOffsetBytes - sink.position);
  await writeTfs(plan.root, sink);
}
__name(writeDisk, "writeDisk");
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
__name(bootFilesystem, "bootFilesystem");
function bootfsTooBig(input, boot) {
  const sizes = boot.files.map((file) => `${file.path} ${file.sizeBytes}`).join(", ");
  return new UserError(
    `The kernel and klibs need ${boot.sizeBytes} bytes of bootfs, but it holds ${BOOTFS_BYTES} (12 MiB): ${sizes}. Drop klibs the program does not need (kernel: ${input.kernelImg}).`
  );
}
__name(bootfsTooBig, "bootfsTooBig");
async function writeAtomically(outputPath, write, sizeBytes, stagingBytes) {
  const temporary = join(
    dirname(outputPath),
    `.${basename(outputPath)}.${randomBytes2(6).toString("hex")}.tmp`
  );
  let handle;
  let sink;
  try {
    handle = await openOutput(temporary, outputPath);
    sink = new ImageSink(handle, stagingBytes);
    await write(sink);
    const sha256 = await sink.finish(sizeBytes);
    await handle.close();
    handle = void 0;
    await unlink(outputPath).catch((error) => {
      if (error.code !== "ENOENT") throw error;
    });
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
__name(writeAtomically, "writeAtomically");
async function openOutput(temporary, outputPath) {
  try {
    return await open(temporary, "wx").catch(async (error) => {
      if (error.code !== "ENOENT") throw error;
      await mkdir(dirname(outputPath), { recursive: true });
      return open(temporary, "wx");
    });
  } catch (error) {
    throw new UserError(
      `Cannot write the image next to ${outputPath}: ${error.message}.`,
      {
        cause: error
      }
    );
  }
}
__name(openOutput, "openOutput");
async function statFile(path7, what) {
  try {
    const info = await stat(path7);
    if (!info.isFile()) throw new Error("not a regular file");
    return info;
  } catch (error) {
    throw cannotRead(path7, what, error);
  }
}
__name(statFile, "statFile");
function cannotRead(path7, what, error) {
  return new UserError(`Cannot read ${what} at ${path7}: ${error.message}.`, {
    cause: error
  });
}
__name(cannotRead, "cannotRead");
function checkSize(name, value) {
  if (value !== void 0 && (!Number.isSafeInteger(value) || value < 0)) {
    throw new UserError(`${name} must be a whole number of bytes, not ${value}.`);
  }
}
__name(checkSize, "checkSize");
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
__name(checkRootLabel, "checkRootLabel");
function roundUp(value, multiple) {
  return Math.ceil(value / multiple) * multiple;
}
__name(roundUp, "roundUp");

// src/image/manifest.ts
const { posix: posix3, resolve: resolve2 } = process.getBuiltinModule("node:path");

// src/image/host-tree.ts
const { join: join2, posix } = process.getBuiltinModule("node:path");
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
__name(addHostFile, "addHostFile");
async function addHostDirectory(root, hostDir, imageDir, origin, logger) {
  const info = await statOrExplain(hostDir, origin);
  if (!info.isDirectory()) {
    await addHostFile(root, hostDir, imageDir, origin, info);
    return;
  }
  await walkDirectory(root, hostDir, imageDir, origin, logger);
}
__name(addHostDirectory, "addHostDirectory");
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
__name(walkDirectory, "walkDirectory");
async function addMappedDirectory(root, hostPattern, imageDir, origin, logger) {
  const base = posix.dirname(hostPattern);
  const matches = globToRegExp(posix.basename(hostPattern));
  const info = await statOrExplain(base, origin);
  if (!info.isDirectory()) throw new UserError(`${base} (from ${origin}) is not a directory.`);
  const walk = /* @__PURE__ */ __name(async (hostDir, relative2) => {
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
  }, "walk");
  await walk(base, "");
}
__name(addMappedDirectory, "addMappedDirectory");
async function addHostSymlink(root, hostPath, imagePath, logger) {
  const target = await stat(hostPath).catch(() => void 0);
  if (target === void 0) {
    logger.debug(`skipping broken symlink ${hostPath}`);
    return;
  }
  insertNode(root, imagePath, { kind: "symlink", target: await readlink(hostPath) });
}
__name(addHostSymlink, "addHostSymlink");
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
__name(globToRegExp, "globToRegExp");
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
__name(escapeRegExp, "escapeRegExp");
async function sortedEntries(hostDir, origin) {
  try {
    const entries = await readdirEntries(hostDir);
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
__name(sortedEntries, "sortedEntries");
async function statOrExplain(hostPath, origin) {
  try {
    return await stat(hostPath);
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
__name(statOrExplain, "statOrExplain");

// src/image/libraries.ts
const { basename: basename2, dirname: dirname2, posix: posix2, resolve } = process.getBuiltinModule("node:path");

// src/image/sysroot.ts
const { isAbsolute, join: join3, relative, sep } = process.getBuiltinModule("node:path");
var MAX_SYMLINK_HOPS = 40;
async function resolveHostFile(imagePath, root) {
  const resolved = root === void 0 ? await realpathOrUndefined(imagePath) : await resolveInRoot(root, imagePath);
  if (resolved === void 0) return void 0;
  const info = await stat(resolved).catch(() => void 0);
  return info?.isFile() ? resolved : void 0;
}
__name(resolveHostFile, "resolveHostFile");
async function resolveInRoot(root, path7) {
  let pending = splitNames(path7);
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
        `Too many symbolic links (more than ${MAX_SYMLINK_HOPS}) while looking up ${path7} inside TargetRoot ${root}: is there a link loop?`
      );
    }
    const target = await readlink(candidate);
    if (target.startsWith("/")) resolved.length = 0;
    pending = [...splitNames(target), ...pending];
  }
  return join3(root, ...resolved);
}
__name(resolveInRoot, "resolveInRoot");
function isInside(root, hostPath) {
  const fromRoot = relative(root, hostPath);
  const climbs = fromRoot === ".." || fromRoot.startsWith(`..${sep}`);
  return !climbs && !isAbsolute(fromRoot);
}
__name(isInside, "isInside");
function splitNames(path7) {
  return path7.split("/").filter((name) => name !== "");
}
__name(splitNames, "splitNames");
async function lstatOrUndefined(path7) {
  try {
    return await lstat(path7);
  } catch (error) {
    return notFound(error, path7);
  }
}
__name(lstatOrUndefined, "lstatOrUndefined");
async function realpathOrUndefined(path7) {
  try {
    return await realpath(path7);
  } catch (error) {
    if (error.code === "ELOOP") {
      throw new UserError(
        `Too many symbolic links while looking up ${path7}: is there a link loop?`,
        {
          cause: error
        }
      );
    }
    return notFound(error, path7);
  }
}
__name(realpathOrUndefined, "realpathOrUndefined");
function notFound(error, path7) {
  const code = error.code;
  if (code === "ENOENT" || code === "ENOTDIR") return void 0;
  throw new UserError(`Cannot look up ${path7}: ${error.message}`, { cause: error });
}
__name(notFound, "notFound");

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
  const add = /* @__PURE__ */ __name((object, neededBy, names) => {
    for (const name of names) if (name !== "") byName.set(name, object);
    if (found.has(object.imagePath)) return;
    found.set(object.imagePath, {
      hostPath: object.hostPath,
      imagePath: object.imagePath,
      neededBy
    });
    logger.debug(`library ${object.imagePath} (from ${object.hostPath}) needed by ${neededBy}`);
    queue.push(object);
  }, "add");
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
__name(discoverLibraries, "discoverLibraries");
function searchDirs(object, program, options) {
  const expand = /* @__PURE__ */ __name((entries, from, kind) => entries.map((entry) => expandEntry(entry, from, options, `${kind} of ${from.imagePath}`)), "expand");
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
__name(searchDirs, "searchDirs");
function defaultDirs(arch) {
  return DEFAULT_LIBRARY_DIRS[arch].map((dir) => ({ imageDir: dir, origin: "default" }));
}
__name(defaultDirs, "defaultDirs");
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
__name(expandEntry, "expandEntry");
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
__name(findLibrary, "findLibrary");
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
__name(tryCandidate, "tryCandidate");
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
__name(findInterpreter, "findInterpreter");
function withRoot(imagePath, root) {
  return root === void 0 ? imagePath : posix2.join(resolve(root), imagePath);
}
__name(withRoot, "withRoot");
function notFoundError(name, object, dirs, skipped, options) {
  const where = options.targetRoot === void 0 ? "" : ` inside TargetRoot ${options.targetRoot}`;
  const searched = [...new Set(dirs.map((dir) => dir.hostDir ?? dir.imageDir))].join(", ");
  const skippedText = skipped.length === 0 ? "" : ` Skipped (wrong kind of file): ${skipped.join(", ")}.`;
  return new UserError(
    `Cannot find shared library ${name}, needed by ${object.imagePath} (${object.hostPath}). Searched${where}: ${searched}.${skippedText} Install it for ${options.arch}, add its directory to Env LD_LIBRARY_PATH in the config, or point --target-root (input target-root, config.json TargetRoot) at a sysroot that has it${SYSROOT_EXAMPLES[options.arch]}.`
  );
}
__name(notFoundError, "notFoundError");
var SYSROOT_EXAMPLES = {
  x86_64: " (an x86_64 program built on an arm64 host: /usr/x86_64-linux-gnu, package libc6-amd64-cross)",
  aarch64: " (an aarch64 program built on an x86_64 host: /usr/aarch64-linux-gnu, package libc6-arm64-cross)"
};

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
      throw new UserError(
        `Program ${typed} does not exist inside TargetRoot ${targetRoot}: with a target root, an absolute program path is read inside it (as ops does). Give a program built on this machine as a path relative to the working folder, e.g. ./${posix3.basename(typed)}.`
      );
    return { argv0: typed, hostPath: inRoot, imagePath };
  }
  return { argv0: typed, hostPath: resolve2(cwd, typed), imagePath };
}
__name(placeProgram, "placeProgram");
function configFiles(entries, cwd, origin = "Files") {
  return entries.map((entry) => ({
    host: posix3.join(cwd, entry),
    image: posix3.resolve("/", entry),
    origin
  }));
}
__name(configFiles, "configFiles");
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
__name(buildRootFilesystem, "buildRootFilesystem");
function klibList(input) {
  const klibs = [...input.klibs];
  if (klibs.includes("cloud_init")) klibs.push("tls");
  if (Object.hasOwn(input.env, "RADAR_KEY")) klibs.push("tls", "radar");
  if (Object.hasOwn(input.passthrough, "firewall")) klibs.push("firewall");
  return [...new Set(klibs)];
}
__name(klibList, "klibList");
function addTextFile(tree, imagePath, text) {
  insertNode(tree, imagePath, {
    kind: "file",
    source: { kind: "bytes", bytes: new TextEncoder().encode(text) }
  });
}
__name(addTextFile, "addTextFile");
function resolvConf(nameServers) {
  const servers = nameServers.length > 0 ? nameServers : DEFAULT_NAME_SERVERS;
  return servers.map((server) => `nameserver  ${server}
`).join("");
}
__name(resolvConf, "resolvConf");
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
__name(addUserContent, "addUserContent");
function setDebugKeys(manifest, input) {
  if (input.rebootOnExit) manifest.set("reboot_on_exit", "t");
  for (const flag of input.debugflags) manifest.set(flag, "t");
  if (input.noTrace.length > 0) manifest.set("notrace", [...input.noTrace]);
}
__name(setDebugKeys, "setDebugKeys");
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
__name(setEnvironment, "setEnvironment");
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
__name(setMounts, "setMounts");
function setAddress(manifest, address) {
  manifest.set("ipaddr", address.ipAddress ?? "");
  manifest.set("netmask", address.netmask ?? "");
  manifest.set("gateway", address.gateway ?? "");
  manifest.set("ip6addr", address.ipv6Address ?? "");
}
__name(setAddress, "setAddress");
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
__name(setNics, "setNics");
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
__name(addLibraries, "addLibraries");

// src/image/index.ts
function kernelPieces(plan, toolchain, arch) {
  const { kernelOverrides } = plan;
  const uefi = arch === "aarch64" || plan.uefi;
  const bootImg = arch === "x86_64" ? kernelOverrides.bootImg ?? toolchain.bootImg : void 0;
  if (arch === "x86_64" && bootImg === void 0) {
    throw new UserError(
      `The kernel in ${toolchain.dir} has no boot.img, which a bootable x86_64 disk needs. Use a complete Nanos release or kernel directory.`
    );
  }
  if (arch === "aarch64" && kernelOverrides.bootImg !== void 0) {
    throw new UserError(
      `config.json Boot (${kernelOverrides.bootImg}) is a BIOS boot loader, but aarch64 images boot through UEFI only. Remove Boot from the config.`
    );
  }
  const loaderPath = uefi ? kernelOverrides.uefiLoader ?? toolchain.uefiLoader : void 0;
  if (uefi && loaderPath === void 0) throw noUefiLoader(toolchain, arch);
  return {
    kernelImg: kernelOverrides.kernelImg ?? toolchain.kernelImg,
    bootImg,
    uefiLoader: loaderPath === void 0 ? void 0 : { arch, path: loaderPath },
    klibsDir: kernelOverrides.klibsDir ?? toolchain.klibsDir
  };
}
__name(kernelPieces, "kernelPieces");
function noUefiLoader(toolchain, arch) {
  const file = arch === "x86_64" ? "bootx64.efi" : "bootaa64.efi";
  const why = arch === "x86_64" ? "which a UEFI (uefi: true) x86_64 image needs" : "which every aarch64 image needs: arm64 machines boot through UEFI only";
  return new UserError(
    `The kernel in ${toolchain.dir} has no ${file}, ${why}. Use a Nanos release archive that ships it (for aarch64 the -virt one), a kernel directory built with make release (PLATFORM=virt ARCH=aarch64 for aarch64), or set config.json UefiBoot to its path.`
  );
}
__name(noUefiLoader, "noUefiLoader");
function klibFiles(names, klibsDir, toolchain) {
  return names.map((name) => {
    if (klibsDir === void 0 || klibsDir === toolchain.klibsDir && !toolchain.klibs.includes(name)) {
      throw new UserError(
        `Klib "${name}" is not in the kernel's klibs/ (${klibsDir ?? "none"}); available: ${toolchain.klibs.join(", ") || "none"}. Remove it from Klibs or use a kernel that ships it.`
      );
    }
    return { name, path: path3.join(klibsDir, name) };
  });
}
__name(klibFiles, "klibFiles");
async function buildImage(plan, toolchain, options) {
  const logger = options.logger ?? silentLogger;
  const pieces = kernelPieces(plan, toolchain, options.arch);
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
      uefiLoader: pieces.uefiLoader,
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
    arch: options.arch,
    manifest: root.manifest,
    klibs: root.klibs,
    libraries: root.libraries,
    kernelVersion: toolchain.version
  };
}
__name(buildImage, "buildImage");

// src/kernel/index.ts
const os = process.getBuiltinModule("node:os");
const path4 = process.getBuiltinModule("node:path");

// src/kernel/download.ts
const { createHash: createHash4 } = process.getBuiltinModule("node:crypto");

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
__name(requestOnce, "requestOnce");
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
__name(httpGet, "httpGet");

// src/kernel/download.ts
var HttpError = class extends Error {
  constructor(status, url) {
    super(`HTTP ${status} from ${url}`);
    this.status = status;
    this.url = url;
  }
  status;
  url;
  static {
    __name(this, "HttpError");
  }
  name = "HttpError";
};
var NetworkError = class extends Error {
  static {
    __name(this, "NetworkError");
  }
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
__name(isRetryableDownloadError, "isRetryableDownloadError");
async function downloadFile(url, dest, options) {
  return retry(() => downloadAttempt(url, dest), retryCall(url, options));
}
__name(downloadFile, "downloadFile");
async function downloadAttempt(url, dest) {
  const { body } = await get(url);
  const sha256 = createHash4("sha256");
  const md5 = createHash4("md5");
  let bytes = 0;
  const file = await open(dest, "wx");
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
    await rm(dest, { force: true });
    throw error;
  }
  return { path: dest, bytes, sha256: sha256.digest("hex"), md5: md5.digest("hex") };
}
__name(downloadAttempt, "downloadAttempt");
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
__name(fetchText, "fetchText");
function retryCall(url, options) {
  return {
    ...options.retry ?? DEFAULT_RETRY,
    label: url,
    isRetryable: isRetryableDownloadError,
    logger: options.logger
  };
}
__name(retryCall, "retryCall");
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
__name(describeDownloadFailure, "describeDownloadFailure");
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
__name(get, "get");
async function* readBody(body, url) {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw new NetworkError(url, error);
  }
}
__name(readBody, "readBody");
function describeCause(cause) {
  const inner = cause instanceof Error && cause.cause !== void 0 ? cause.cause : void 0;
  return inner === void 0 ? errorMessage(cause) : `${errorMessage(cause)} (${errorMessage(inner)})`;
}
__name(describeCause, "describeCause");

// src/kernel/integrity.ts
var pinHint = /* @__PURE__ */ __name((digest) => `pin it with --kernel-sha256 ${digest} (input kernel-sha256)`, "pinHint");
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
__name(pinnedDigests, "pinnedDigests");
async function expectedDigests(input, options) {
  const pinned = pinnedDigests(input);
  if (pinned.length > 0) return pinned;
  return [
    { algorithm: "md5", digest: await fetchPublishedMd5(input, options), source: input.urls.md5 }
  ];
}
__name(expectedDigests, "expectedDigests");
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
__name(verifyDownload, "verifyDownload");
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
__name(fetchPublishedMd5, "fetchPublishedMd5");

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
__name(resolveKernel, "resolveKernel");
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
__name(resolveVersion, "resolveVersion");
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
__name(useCachedKernel, "useCachedKernel");
async function downloadRelease(version, request, urls, key, deps) {
  const scratchRoot = deps.tempDir ?? os.tmpdir();
  await mkdir(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(path4.join(scratchRoot, "nanoship-kernel-"));
  try {
    const archive = await fetchVerifiedArchive(version, request, urls, scratch, deps);
    const extracted = path4.join(scratch, "kernel");
    await mkdir(extracted);
    const { extractTarGz } = await import("./tar-extract-BFKBP6PQ.mjs");
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
    await rm(scratch, { recursive: true, force: true });
  }
}
__name(downloadRelease, "downloadRelease");
function saveToCache(version, sha256, key, extracted, deps) {
  if (version !== "nightly") return deps.cache.save(key, extracted);
  return deps.cache.save({ ...key, version: `nightly-${sha256.slice(0, 12)}` }, extracted, {
    share: false
  });
}
__name(saveToCache, "saveToCache");
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
__name(fetchVerifiedArchive, "fetchVerifiedArchive");
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
__name(fetchOrExplain, "fetchOrExplain");
function versionNotFound(version, url, releases) {
  const known = knownVersions(releases).slice(0, 5);
  const list = known.length > 0 ? `nanoship knows ${known.join(", ")}; all releases: ${RELEASES_PAGE}` : RELEASES_PAGE;
  return `Nanos version ${version} not found at ${url}; check the version (list: ${list}) or --kernel-base-url (input kernel-base-url)`;
}
__name(versionNotFound, "versionNotFound");
function checkArch(arch) {
  if (!KERNEL_ARCHES.includes(arch)) {
    throw new UserError(
      `Nanos kernels are published for ${KERNEL_ARCHES.join(" and ")}, not '${arch}'; choose one of those architectures`
    );
  }
}
__name(checkArch, "checkArch");
function downloadOptions(deps) {
  return { logger: deps.logger, retry: deps.retry };
}
__name(downloadOptions, "downloadOptions");
function retryAttempts(deps) {
  return (deps.retry ?? DEFAULT_RETRY).attempts;
}
__name(retryAttempts, "retryAttempts");

// src/pipeline.ts
async function runPipeline(plan, deps) {
  const { logger } = deps;
  const result = {};
  const { kernel, build, smoke } = plan;
  for (const notice of plan.notices) logger.notice(notice);
  if (plan.preview?.action === "down") {
    result.preview = await previewStage(plan, result, deps);
    return result;
  }
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
    const { runSmoke } = await import("./smoke-F3K6KTKP.mjs");
    result.smoke = await logger.group(
      "Smoke test (QEMU console)",
      () => runSmoke(options, { logger, signal: deps.signal })
    );
  }
  if (plan.publish && imagePath !== void 0) {
    if (result.smoke !== void 0 && result.smoke.verdict !== "pass") return result;
    const publishPlan = plan.publish;
    const { imageFromBuild, imageFromFile, publishImage } = await import("./publish-M2R4WU3C.mjs");
    const image = result.image ? imageFromBuild(result.image) : await imageFromFile(imagePath, { arch: publishPlan.arch, name: publishPlan.imageName });
    result.published = await logger.group(
      `Publish to ${publishPlan.targets.join(" and ")}`,
      () => publishImage(publishPlan, image, {
        logger,
        recorder: deps.recorder ?? noRecorder,
        signal: deps.signal
      })
    );
    if (plan.preview?.action === "up") {
      result.preview = await previewStage(plan, result, deps, image);
    }
    const releasePlan = plan.release;
    if (releasePlan) {
      const published = result.published;
      const { recordRelease } = await import("./release-run-IKMVN6NE.mjs");
      result.release = await logger.group(
        `GitHub Release ${releasePlan.tag}`,
        () => recordRelease(releasePlan, published, image, logger)
      );
    }
  }
  return result;
}
__name(runPipeline, "runPipeline");
async function previewStage(plan, result, deps, image) {
  const previewPlan = plan.preview;
  const { runPreviewStage } = await import("./run-K5AFUOZZ.mjs");
  const title = previewPlan.action === "up" ? `Preview of #${previewPlan.pr} on ${previewPlan.cloud}` : `Removing the preview of #${previewPlan.pr} on ${previewPlan.cloud}`;
  return deps.logger.group(
    title,
    () => runPreviewStage(
      previewPlan,
      { published: result.published, image },
      {
        logger: deps.logger,
        recorder: deps.recorder ?? noRecorder,
        signal: deps.signal,
        repoId: plan.publish?.provenance.repoId ?? deps.repoId
      }
    )
  );
}
__name(previewStage, "previewStage");
function smokeOptions(plan, image, toolchain, deps) {
  if (plan.bootMode === "direct" && toolchain === void 0) {
    throw new Error("direct boot was planned without a kernel stage");
  }
  return {
    image,
    bootMode: plan.bootMode,
    ...plan.firmware !== "auto" && { firmware: plan.firmware },
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
__name(smokeOptions, "smokeOptions");

// src/plan/smoke-plan.ts
var DEFAULT_SMOKE_TIMEOUT_S = 120;
var DEFAULT_SMOKE_MEMORY_MIB = 512;
function parseProbe(raw, namer, option = "probe") {
  const bad = /* @__PURE__ */ __name(() => new UserError(
    `${namer(option)} must look like http://:8080/path or tcp://:5432 (a guest port), got "${raw}".`
  ), "bad");
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
__name(parseProbe, "parseProbe");
function parseProbes(raw, namer) {
  const probes = raw.map((probe) => parseProbe(probe, namer));
  if (probes.some((p) => p.kind === "tcp") && probes.some((p) => p.port === TCP_CANARY_GUEST_PORT)) {
    throw new UserError(
      `${namer("probe")} cannot use guest port ${TCP_CANARY_GUEST_PORT} together with a TCP probe: TCP probes use it as a port where nothing listens. Probe another port.`
    );
  }
  return probes;
}
__name(parseProbes, "parseProbes");
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
    firmware: parseChoice(
      options.firmware,
      "firmware",
      namer,
      ["auto", "bios", "uefi"],
      "auto"
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
__name(planSmoke, "planSmoke");

// src/plan/preview-plan.ts
var DEFAULT_TTL_MS = 72 * 36e5;
var MAX_TTL_MS = 120 * 864e5;
var DEFAULT_PREVIEW_PROBE_TIMEOUT_S = 300;
var UP_ACTIONS = ["opened", "reopened", "synchronize", "ready_for_review"];
var DOWN_ACTIONS = ["closed"];
function previewActionOf(event) {
  if (event.name !== "pull_request" && event.name !== "pull_request_target") return void 0;
  const action = event.payload.action ?? "";
  if (UP_ACTIONS.includes(action)) return "up";
  if (DOWN_ACTIONS.includes(action)) return "down";
  return void 0;
}
__name(previewActionOf, "previewActionOf");
function parsePreviewCloud(options, namer) {
  const raw = options.preview?.trim();
  if (!raw) return void 0;
  return parseChoice(raw, "preview", namer, ["aws", "gcp"], "aws");
}
__name(parsePreviewCloud, "parsePreviewCloud");
function planPreview(options, namer, run, smoke, action = previewActionOf(run.event)) {
  const cloud = parsePreviewCloud(options, namer);
  if (cloud === void 0 || action === void 0) return void 0;
  const pr = parseInteger(options.pr, "pr", namer, { min: 1, max: 1e9 }) ?? run.provenance.pr;
  if (pr === void 0) {
    throw new UserError(
      `A preview belongs to a pull request: run on a pull_request event, or give ${namer("pr")}.`
    );
  }
  const repo = options.repo?.trim() || run.provenance.repo;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new UserError(
      `A preview needs the repository as owner/name: give ${namer("repo")} or set GITHUB_REPOSITORY${repo ? ` (got "${repo}")` : ""}.`
    );
  }
  const probes = options.previewProbes.length ? splitList(options.previewProbes).map((probe) => parseProbe(probe, namer, "preview-probe")) : smoke?.probes ?? [];
  const ports = planPorts(options, namer, probes);
  if (action === "up" && ports.length === 0) {
    throw new UserError(
      `A preview needs a port to open: give ${namer("preview-port")}, or a probe (${namer("probe")} or ${namer("preview-probe")}) whose port is used.`
    );
  }
  return {
    ...planPlacement(cloud, options, namer, run.env),
    action,
    repo,
    pr,
    sha: run.provenance.sha,
    run: run.provenance.run,
    fork: isForkPullRequest(run.event.payload),
    allowForks: parseBoolean(options.previewAllowForks, "preview-allow-forks", namer, false),
    ports,
    probes,
    expectStatus: smoke?.expectStatus ?? 200,
    expectBody: smoke?.expectBody,
    probeTimeoutMs: 1e3 * parseInteger(
      options.previewTimeout,
      "preview-timeout",
      namer,
      { min: 10, max: 3600 },
      DEFAULT_PREVIEW_PROBE_TIMEOUT_S
    ),
    instanceType: options.previewInstanceType?.trim() || void 0,
    ttlMs: planTtl(options, namer),
    github: githubAccess(options, run.env)
  };
}
__name(planPreview, "planPreview");
function planSweep(options, namer, run) {
  const cloud = parsePreviewCloud(options, namer);
  if (cloud === void 0) {
    throw new UserError(`The sweep needs the cloud: give ${namer("preview")} aws or gcp.`);
  }
  const repo = options.repo?.trim() || run.provenance.repo;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new UserError(
      `The sweep needs the repository as owner/name: give ${namer("repo")} or set GITHUB_REPOSITORY.`
    );
  }
  return {
    ...planPlacement(cloud, options, namer, run.env),
    repo,
    ttlMs: planTtl(options, namer),
    github: githubAccess(options, run.env)
  };
}
__name(planSweep, "planSweep");
function planTtl(options, namer) {
  const ttl = parseDuration(options.previewTtl, "preview-ttl", namer) ?? DEFAULT_TTL_MS;
  if (ttl > MAX_TTL_MS) {
    throw new UserError(`${namer("preview-ttl")} must be at most 120d (Compute Engine's limit).`);
  }
  return ttl;
}
__name(planTtl, "planTtl");
function planPorts(options, namer, probes) {
  const ports = /* @__PURE__ */ new Set();
  for (const item of splitList(options.previewPorts)) {
    const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(item);
    const from = Number(range?.[1]);
    const to = Number(range?.[2] ?? range?.[1]);
    if (!range || from < 1 || to > 65535 || from > to || to - from > 1e3) {
      throw new UserError(
        `${namer("preview-port")} takes TCP ports such as 8080 or 9000-9010, got "${item}".`
      );
    }
    for (let port = from; port <= to; port++) ports.add(port);
  }
  if (ports.size === 0) for (const probe of probes) ports.add(probe.port);
  return [...ports].sort((a, b) => a - b);
}
__name(planPorts, "planPorts");
function planPlacement(cloud, options, namer, env) {
  if (cloud === "aws") {
    const region = (options.awsRegion?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
    if (!region) {
      throw new UserError(
        `A preview on AWS needs a region: set ${namer("aws-region")}, or AWS_REGION (aws-actions/configure-aws-credentials sets it).`
      );
    }
    const subnetId = options.awsSubnetId?.trim() || void 0;
    if (subnetId !== void 0 && !/^subnet-[0-9a-f]{8,17}$/.test(subnetId)) {
      throw new UserError(
        `${namer("aws-subnet-id")} must be a subnet id (subnet-\u2026), got "${subnetId}".`
      );
    }
    return { cloud, aws: { region, subnetId } };
  }
  const zone = options.gcpZone?.trim() || env.CLOUDSDK_COMPUTE_ZONE?.trim();
  if (!zone) {
    throw new UserError(
      `A preview on Google Cloud needs a zone: set ${namer("gcp-zone")} (such as us-central1-a) or CLOUDSDK_COMPUTE_ZONE.`
    );
  }
  if (!/^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone)) {
    throw new UserError(
      `${namer("gcp-zone")} must be a zone such as us-central1-a, got "${zone}".`
    );
  }
  return {
    cloud,
    gcp: {
      project: options.gcpProject?.trim() || gcpProjectFromEnv(env),
      zone,
      network: options.gcpNetwork?.trim() || void 0,
      bucket: options.gcpBucket?.trim().replace(/^gs:\/\//, "").replace(/\/+$/, "") || void 0,
      ...gcpEndpoints(env)
    }
  };
}
__name(planPlacement, "planPlacement");
function githubAccess(options, env) {
  return {
    token: options.githubToken?.trim() || env.GITHUB_TOKEN || "",
    apiUrl: env.GITHUB_API_URL || void 0,
    runUrl: runUrlFromEnv(env)
  };
}
__name(githubAccess, "githubAccess");

// src/plan/plan.ts
const path6 = process.getBuiltinModule("node:path");

// src/plan/build-plan.ts
const path5 = process.getBuiltinModule("node:path");
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
__name(parseFileOption, "parseFileOption");
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
__name(planImageName, "planImageName");
async function planCaBundle(raw, cwd) {
  if (raw === "none") return null;
  if (raw !== void 0) return path5.resolve(cwd, raw);
  for (const candidate of HOST_CA_BUNDLES) if (await isFile(candidate)) return candidate;
  return null;
}
__name(planCaBundle, "planCaBundle");
async function planBuild(options, config, context) {
  const { cwd, namer } = context;
  const typed = options.program ?? config.Program;
  if (typed === void 0 || typed.trim() === "") {
    throw new UserError(
      `No program to pack: give its path (${namer("program")}) or set "Program" in config.json.`
    );
  }
  const targetRoot = options.targetRoot?.trim() || config.TargetRoot;
  const program = await placeProgram(typed, cwd, targetRoot);
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
    uefi: parseBoolean(options.uefi, "uefi", namer, config.Uefi ?? false),
    // A kernel directory given as a flag or input replaces config.json's kernel pieces whole.
    kernelOverrides: options.kernelDir ? {} : {
      kernelImg: config.Kernel && path5.resolve(cwd, config.Kernel),
      bootImg: config.Boot && path5.resolve(cwd, config.Boot),
      uefiLoader: config.UefiBoot && path5.resolve(cwd, config.UefiBoot),
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
      targetRoot: targetRoot && path5.resolve(cwd, targetRoot)
    }
  };
}
__name(planBuild, "planBuild");
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
__name(networkOf, "networkOf");

// src/plan/release-plan.ts
function planRelease(options, env, event, provenance) {
  const { version, repo } = provenance;
  if (version === void 0 || repo === void 0) return void 0;
  const tag = event.name === "release" ? event.payload.release?.tag_name : /^refs\/tags\/(.+)$/.exec(env.GITHUB_REF ?? "")?.[1];
  if (tag === void 0) return void 0;
  return { repo, tag, version, sha: provenance.sha, github: githubAccess(options, env) };
}
__name(planRelease, "planRelease");

// src/plan/plan.ts
async function loadConfig(file, cwd) {
  const { loadConfigFile } = await import("./config-AVLWXZBV.mjs");
  return loadConfigFile(path6.resolve(cwd, file));
}
__name(loadConfig, "loadConfig");
async function planFromOptions(options, stages, context) {
  const { namer } = context;
  const env = context.env ?? {};
  const provenance = context.provenance ?? {};
  const event = context.event ?? { payload: {} };
  const notices = [];
  const previewAction = stages.preview === "event" ? previewActionOf(event) : stages.preview;
  const down = previewAction === "down";
  const config = options.config && !down ? await loadConfig(options.config, context.cwd) : {};
  const smoke = stages.smoke && !down ? planSmoke(options, namer) : void 0;
  const needsKernel = !down && (stages.kernel || stages.build || smoke?.bootMode === "direct");
  let preview = previewAction === void 0 ? void 0 : planPreview(
    options,
    namer,
    { env, event, provenance },
    smokeProbes(options, namer, smoke),
    previewAction
  );
  const imageProvenance = preview ? { ...provenance, pr: preview.pr, repo: preview.repo } : provenance;
  let publish = stages.publish && !down ? planPublish(options, namer, env, imageProvenance) : void 0;
  if (preview?.fork && !preview.allowForks) {
    notices.push(FORK_PREVIEW_NOTICE);
    preview = void 0;
    publish = void 0;
  }
  if (preview?.action === "up" && !stages.build && stages.image === void 0) {
    throw new UserError(
      `A preview boots the image of the pull request: give the program to build (${namer("program")}) or a config.json with a Program.`
    );
  }
  if (preview?.action === "up" && !publish?.targets.includes(preview.cloud)) {
    const targets = [...publish?.targets ?? [], preview.cloud];
    publish = planPublish({ ...options, publish: targets }, namer, env, imageProvenance);
  }
  return {
    kernel: needsKernel ? planKernel(options, namer, context.cwd, config.NanosVersion) : void 0,
    build: stages.build && !down ? await planBuild(options, config, context) : void 0,
    smoke,
    publish,
    preview,
    image: stages.image === void 0 ? void 0 : path6.resolve(context.cwd, stages.image),
    release: stages.release && publish ? planRelease(options, env, event, provenance) : void 0,
    notices
  };
}
__name(planFromOptions, "planFromOptions");
function smokeProbes(options, namer, smoke) {
  if (smoke) return smoke;
  return options.probes.length > 0 ? planSmoke(options, namer) : void 0;
}
__name(smokeProbes, "smokeProbes");

// src/image/listing.ts
function renderEntryLine(entry) {
  if (entry.kind === "file") return `${String(entry.sizeBytes).padStart(12)}  ${entry.path}`;
  if (entry.kind === "symlink") return `${"link".padStart(12)}  ${entry.path} -> ${entry.target}`;
  return `${"dir".padStart(12)}  ${entry.path}/`;
}
__name(renderEntryLine, "renderEntryLine");
var NAME_NEEDS_QUOTES = /[\s()[\]:|/"\\#]/;
var VALUE_NEEDS_QUOTES = /[\s()[\]"\\]|^#/;
function renderManifestText(tuple) {
  const lines = sortByName(tuple).map(
    ([key, value]) => `  ${renderName(key)}:${renderValue(value)}`
  );
  return lines.length === 0 ? "()" : `(
${lines.join("\n")}
)`;
}
__name(renderManifestText, "renderManifestText");
function renderValue(value) {
  if (typeof value === "string") return quoteIf(value, VALUE_NEEDS_QUOTES);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(" ")}]`;
  return `(${sortByName(value).map(([key, inner]) => `${renderName(key)}:${renderValue(inner)}`).join(" ")})`;
}
__name(renderValue, "renderValue");
function renderName(name) {
  return quoteIf(name, NAME_NEEDS_QUOTES);
}
__name(renderName, "renderName");
function quoteIf(text, needsQuotes) {
  if (text !== "" && !needsQuotes.test(text)) return text;
  return `"${text.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}
__name(quoteIf, "quoteIf");

export {
  renderCacheKey,
  directoryCache,
  noRecorder,
  withLocalDigest,
  runPipeline,
  planSweep,
  planFromOptions,
  renderEntryLine,
  renderManifestText
};
