/**
 * The CLI writes its text with write(2) on the descriptor. These tests use real descriptors:
 * a file, and a non-blocking FIFO (what a parent's pipe passed down as it is looks like), both
 * when it fills up (EAGAIN) and when its reader has gone (EPIPE).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { textWriter } from '../../src/cli/output.js';
import { makeTempDir } from '../kernel/fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
const open: number[] = [];

beforeEach(() => {
  temp = makeTempDir('nanoship-output-test-');
});

afterEach(() => {
  for (const fd of open.splice(0)) closeSync(fd);
  temp.remove();
});

function track(fd: number): number {
  open.push(fd);
  return fd;
}

/** A FIFO with both ends open and non-blocking: writes beyond its capacity fail with EAGAIN. */
function nonBlockingFifo(): { reader: number; writer: number } {
  const fifo = path.join(temp.dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = track(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  const writer = track(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  return { reader, writer };
}

function drain(fd: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    try {
      const got = readSync(fd, buffer);
      if (got === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, got)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
      throw error;
    }
  }
  return Buffer.concat(chunks).toString();
}

describe('textWriter', () => {
  test('writes all of the text to a file, without the overflow', () => {
    const file = path.join(temp.dir, 'out.txt');
    const fd = track(openSync(file, 'w'));
    const overflow: Uint8Array[] = [];
    textWriter(fd, (rest) => overflow.push(rest))('image app\n  sha256 ab12\n');
    expect(readFileSync(file, 'utf8')).toBe('image app\n  sha256 ab12\n');
    expect(overflow).toEqual([]);
  });

  test('sends what a full non-blocking pipe refuses to the overflow, and all later text too, in order', () => {
    const { reader, writer } = nonBlockingFifo();
    const first = 'a'.repeat(300 * 1024);
    const second = 'b'.repeat(10);
    const overflow: Buffer[] = [];
    const collect = (rest: Uint8Array) => overflow.push(Buffer.from(rest));
    const write = textWriter(writer, collect);
    write(first);
    write(second);
    const piped = drain(reader);
    // The pipe took what fitted (at least one page), the overflow has the rest, nothing twice.
    expect(piped.length).toBeGreaterThan(0);
    expect(piped.length).toBeLessThan(first.length);
    expect(piped + Buffer.concat(overflow).toString()).toBe(first + second);
    expect(overflow.at(-1)?.toString()).toBe(second);
  });

  test('drops the text quietly once the reader has gone', () => {
    const { reader, writer } = nonBlockingFifo();
    closeSync(open.splice(open.indexOf(reader), 1)[0]!);
    const overflow: Uint8Array[] = [];
    const write = textWriter(writer, (rest) => overflow.push(rest));
    expect(() => write('nobody reads this\n')).not.toThrow();
    expect(overflow).toEqual([]);
  });
});
