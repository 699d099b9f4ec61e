#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/files.ts
const fs = process.getBuiltinModule("node:fs");
const { promisify } = process.getBuiltinModule("node:util");
var stat = promisify(fs.stat);
var lstat = promisify(fs.lstat);
var readlink = promisify(fs.readlink);
var realpath = promisify(fs.realpath);
var rename = promisify(fs.rename);
var unlink = promisify(fs.unlink);
var rm = promisify(fs.rm);
var mkdtemp = promisify(fs.mkdtemp);
var writeFile = promisify(fs.writeFile);
var mkdirAsync = promisify(fs.mkdir);
var readdirAsync = promisify(fs.readdir);
var readFileAsync = promisify(fs.readFile);
var openAsync = promisify(fs.open);
var readAsync = promisify(fs.read);
var writeAsync = promisify(fs.write);
var fstatAsync = promisify(fs.fstat);
var ftruncateAsync = promisify(fs.ftruncate);
var closeAsync = promisify(fs.close);
function cp(source, destination, options) {
  return new Promise(
    (resolve, reject) => fs.cp(source, destination, options, (error) => error ? reject(error) : resolve())
  );
}
__name(cp, "cp");
async function mkdir(dir, options) {
  await mkdirAsync(dir, options);
}
__name(mkdir, "mkdir");
function readdirEntries(dir) {
  return readdirAsync(dir, { withFileTypes: true });
}
__name(readdirEntries, "readdirEntries");
function readFile(path, encoding) {
  return encoding === void 0 ? readFileAsync(path) : readFileAsync(path, encoding);
}
__name(readFile, "readFile");
var OpenFile = class {
  constructor(fd) {
    this.fd = fd;
  }
  fd;
  static {
    __name(this, "OpenFile");
  }
  #closed = false;
  read(buffer, offset, length, position) {
    return readAsync(this.fd, buffer, offset, length, position);
  }
  /** Writes at `position`, or at the current position when it is null or left out. */
  write(buffer, offset = 0, length = buffer.byteLength - offset, position = null) {
    return writeAsync(this.fd, buffer, offset, length, position);
  }
  stat() {
    return fstatAsync(this.fd);
  }
  truncate(length) {
    return ftruncateAsync(this.fd, length);
  }
  /** The rest of the file from the current position (the whole file, if nothing was read). */
  readFile() {
    return readFileAsync(this.fd);
  }
  /** Closes the descriptor once; a second call does nothing (the number may be reused). */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await closeAsync(this.fd);
  }
};
async function open(path, flags, mode) {
  return new OpenFile(await openAsync(path, flags, mode));
}
__name(open, "open");

export {
  stat,
  lstat,
  readlink,
  realpath,
  rename,
  unlink,
  rm,
  mkdtemp,
  writeFile,
  cp,
  mkdir,
  readdirEntries,
  readFile,
  open
};
