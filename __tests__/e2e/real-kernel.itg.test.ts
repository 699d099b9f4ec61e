/**
 * The whole line on a real Nanos kernel (NANOS_KERNEL_DIR): programs compiled here are packed
 * by the real pipeline (planFromOptions + runPipeline, nothing listed by hand) and boot-tested
 * in QEMU under TCG. Covers issue 3's "Done when" (a static Go net/http server and a dynamic
 * C program boot and behave; Nanos' dump reads the image; same inputs give the same bytes) and
 * issue 4's real-kernel verdicts (healthy server passes; segfault, wrong exit code, missing
 * program, hang and wrong port fail with the right reason; the image is untouched).
 *
 * Skipped, and said so, when NANOS_KERNEL_DIR is not set; the dump comparison also needs
 * NANOS_DUMP. The Go build takes a few minutes on a cold cache with two cores.
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { run as cli } from '../../src/cli/main.js';
import type { Image } from '../../src/image/index.js';
import { inspectImage } from '../../src/image/inspect.js';
import { directoryCache } from '../../src/kernel/cache.js';
import { silentLogger } from '../../src/log.js';
import { runPipeline } from '../../src/pipeline.js';
import { cliOptionName, emptyOptions, type Options } from '../../src/plan/options.js';
import { planFromOptions, type Stages } from '../../src/plan/plan.js';
import type { SmokeResult } from '../../src/smoke/index.js';

const exec = promisify(execFile);
const kernelDir = process.env.NANOS_KERNEL_DIR;
const dumpTool = process.env.NANOS_DUMP;
const haveKernel = kernelDir !== undefined && existsSync(join(kernelDir, 'kernel.img'));
const withKernel = haveKernel ? describe : describe.skip;
const withDump = haveKernel && dumpTool && existsSync(dumpTool) ? test : test.skip;

if (!haveKernel) {
  console.warn(
    kernelDir
      ? `skipped: NANOS_KERNEL_DIR=${kernelDir} has no kernel.img`
      : 'skipped: NANOS_KERNEL_DIR is not set (a Nanos kernel directory with kernel.img, boot.img, klibs/)',
  );
} else if (!dumpTool) {
  console.warn('skipping the dump comparison: NANOS_DUMP (path to Nanos tools/dump) is not set');
}

// A Go build can take minutes on a cold cache; each TCG boot a few seconds.
jest.setTimeout(120_000);

const GO_SERVER = `package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from go on nanos, port %s, path %s\\n", port, r.URL.Path)
	})
	fmt.Println("listening on", port)
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
`;

/** C programs, each compiled dynamically (libc from the host, found by nanoship). */
const C_PROGRAMS: Record<string, { source: string; flags: string[] }> = {
  cosine: {
    // atof keeps the compiler from folding cos() away, so libm is really needed.
    source:
      '#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n' +
      'int main(int c, char **v) { printf("cos(%s) = %.6f\\n", v[1], cos(atof(v[1]))); return 0; }\n',
    flags: ['-O1', '-lm'],
  },
  segv: {
    source:
      '#include <stdio.h>\nint main(void) { puts("about to crash"); fflush(stdout);\n' +
      '  *(volatile int *)0 = 1; return 0; }\n',
    flags: ['-O0'],
  },
  exit3: {
    source: '#include <stdio.h>\nint main(void) { puts("exiting with 3"); return 3; }\n',
    flags: ['-O1'],
  },
  hang: {
    source:
      '#include <stdio.h>\n#include <unistd.h>\n' +
      'int main(void) { puts("sleeping forever"); fflush(stdout); for (;;) sleep(1000); }\n',
    flags: ['-O1'],
  },
};

let dir: string;
let goServer: Image;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Runs the real pipeline with the given stages, resolving paths against `cwd`. */
async function nanoship(options: Partial<Options>, stages: Stages, image?: string, cwd = dir) {
  const plan = await planFromOptions({ ...emptyOptions(), ...options }, stages, {
    cwd,
    namer: cliOptionName,
  });
  if (image !== undefined) plan.image = image;
  return runPipeline(plan, {
    logger: silentLogger,
    kernelCache: directoryCache(join(dir, 'kernel-cache')),
    tempDir: dir,
  });
}

/** `nanoship build <program>` with the kernel directory under test. */
async function build(program: string, options: Partial<Options> = {}): Promise<Image> {
  const { image } = await nanoship(
    { program, kernelDir, output: `out/${program}.img`, ...options },
    { kernel: true, build: true, smoke: false },
  );
  if (image === undefined) throw new Error('the build stage produced no image');
  return image;
}

/**
 * `nanoship run <image>` under TCG; also checks the image file is byte-identical afterwards,
 * both as the smoke stage saw it and by hashing it here.
 */
async function smoke(image: Image, options: Partial<Options>): Promise<SmokeResult> {
  const consoleLog = join(dir, 'logs', `${image.name}-${Math.random().toString(36).slice(2)}.log`);
  const { smoke: result } = await nanoship(
    { accel: 'tcg', consoleLog, ...options },
    { kernel: false, build: false, smoke: true },
    image.path,
  );
  if (result === undefined) throw new Error('the smoke stage did not run');
  expect(result.imageSha256Before).toBe(image.sha256);
  expect(result.imageSha256After).toBe(image.sha256);
  expect(await sha256File(image.path)).toBe(image.sha256);
  return result;
}

/** The parts of a result a failing expectation should show. */
const verdictOf = (result: SmokeResult) => ({
  verdict: result.verdict,
  reason: result.reason,
  exitCode: result.exitCode,
});

/** Every file (with its size) and directory under `root`, as absolute image paths. */
async function hostListing(root: string): Promise<string[]> {
  const listing: string[] = [];
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      const path = `/${relative(root, full)}`;
      if (entry.isDirectory()) {
        listing.push(`${path}/`);
        await walk(full);
      } else if (entry.isSymbolicLink()) listing.push(`${path} ->`);
      else listing.push(`${path} ${(await lstat(full)).size}`);
    }
  };
  await walk(root);
  return listing.sort();
}

withKernel('nanoship on a real Nanos kernel', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nanoship-e2e-'));
    // The image writer does not create the output's folder (reported as a bug; see below).
    for (const folder of ['logs', 'out', 'elsewhere']) await mkdir(join(dir, folder));
    await mkdir(join(dir, 'go-server'));
    await writeFile(join(dir, 'go-server', 'go.mod'), 'module example.com/server\n\ngo 1.19\n');
    await writeFile(join(dir, 'go-server', 'main.go'), GO_SERVER);
    for (const [name, { source, flags }] of Object.entries(C_PROGRAMS)) {
      await writeFile(join(dir, `${name}.c`), source);
      await exec('cc', ['-o', join(dir, name), join(dir, `${name}.c`), ...flags]);
    }
    // GOCACHE and GOPATH stay the user's own, so repeated runs reuse the compiled std library.
    await exec('go', ['build', '-trimpath', '-o', join(dir, 'server'), '.'], {
      cwd: join(dir, 'go-server'),
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    });
    goServer = await build('server');
  }, 900_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('issue 3: packed by nanoship build alone, boots and behaves', () => {
    test('the static Go server needs no libraries and answers HTTP on the forwarded port', async () => {
      expect(goServer.libraries).toEqual([]);
      expect(goServer.manifest.get('program')).toBe('/server');
      const result = await smoke(goServer, {
        probes: ['http://:8080/ping'],
        expectBody: '^hello from go on nanos, port 8080, path /ping$',
        timeout: '60',
      });
      expect(verdictOf(result)).toMatchObject({ verdict: 'pass' });
      expect(result.bootMs).toBeGreaterThan(0);
    });

    test('the dynamic C program (libc + libm) finds its libraries and runs to completion', async () => {
      const image = await build('cosine', { args: ['0.5'] });
      const libraries = image.libraries.map((library) => library.imagePath);
      expect(libraries).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\/libm\.so\.6$/),
          expect.stringMatching(/\/libc\.so\.6$/),
          expect.stringMatching(/^\/lib(64)?\/ld-linux-x86-64\.so\.2$/),
        ]),
      );
      const inImage = (await inspectImage(image.path)).root.entries.map((entry) => entry.path);
      expect(inImage).toEqual(expect.arrayContaining(libraries));
      const result = await smoke(image, {
        expectOutput: String.raw`cos\(0\.5\) = 0\.877583`,
        expectExit: '0',
        timeout: '60',
      });
      expect(verdictOf(result)).toEqual({
        verdict: 'pass',
        reason: expect.any(String),
        exitCode: 0,
      });
    });

    test('two builds of the same inputs to different paths are byte-identical', async () => {
      const again = await build('server', { output: 'elsewhere/copy.img' });
      expect(again.path).not.toBe(goServer.path);
      expect(again.sha256).toBe(goServer.sha256);
      expect(await sha256File(again.path)).toBe(goServer.sha256);
      expect(await sha256File(goServer.path)).toBe(goServer.sha256);
    });

    test('with no --output, a fresh folder gets .nanoship/<name>.img', async () => {
      const fresh = await mkdtemp(join(dir, 'fresh-'));
      const { image } = await nanoship(
        { program: join(dir, 'exit3'), kernelDir },
        { kernel: true, build: true, smoke: false },
        undefined,
        fresh,
      );
      expect(image?.path).toBe(join(fresh, '.nanoship', 'exit3.img'));
    });

    withDump(
      'Nanos dump reads the Go server image and lists the same files as inspect',
      async () => {
        const { stdout, stderr } = await exec(dumpTool!, [goServer.path], {
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(stderr).toBe('');
        expect(stdout).toContain('program:/server');
        const extracted = join(dir, 'dumped');
        await exec(dumpTool!, ['-d', extracted, goServer.path], { maxBuffer: 64 * 1024 * 1024 });
        const inspection = await inspectImage(goServer.path);
        const ours = inspection.root.entries
          .map((entry) =>
            entry.kind === 'directory'
              ? `${entry.path}/`
              : entry.kind === 'symlink'
                ? `${entry.path} ->`
                : `${entry.path} ${entry.sizeBytes}`,
          )
          .sort();
        expect(ours).toContain(`/server ${(await lstat(join(dir, 'server'))).size}`);
        expect(await hostListing(extracted)).toEqual(ours);
      },
    );
  });

  describe('issue 4: the verdict on real Nanos images', () => {
    test('the Go server through the CLI: `nanoship run --json` passes and exits 0', async () => {
      const stdout: string[] = [];
      const terminal = { out: (text: string) => stdout.push(text), err: () => {} };
      const consoleLog = join(dir, 'logs', 'cli-run.log');
      const code = await cli(
        [
          'run',
          goServer.path,
          '--probe',
          'http://:8080/',
          '--expect-body',
          'hello from go on nanos',
          '--accel',
          'tcg',
          '--timeout',
          '60',
          '--console-log',
          consoleLog,
          '--json',
        ],
        terminal,
      );
      const result = JSON.parse(stdout.join('')) as SmokeResult;
      expect(verdictOf(result)).toMatchObject({ verdict: 'pass' });
      expect(code).toBe(0);
      expect(result.imageSha256After).toBe(goServer.sha256);
      expect(await sha256File(goServer.path)).toBe(goServer.sha256);
    });

    test('a segfaulting program fails with the signal in the reason', async () => {
      const result = await smoke(await build('segv'), { expectExit: '0', timeout: '60' });
      expect(verdictOf(result)).toMatchObject({
        verdict: 'fail',
        reason: expect.stringMatching(/signal 11|SIGSEGV/i),
      });
    });

    test('a program exiting with 3 fails --expect-exit 0 and passes --expect-exit 3', async () => {
      const image = await build('exit3');
      const wrong = await smoke(image, { expectExit: '0', timeout: '60' });
      expect(verdictOf(wrong)).toMatchObject({
        verdict: 'fail',
        exitCode: 3,
        reason: expect.stringMatching(/got 3, want 0/),
      });
      const right = await smoke(image, { expectExit: '3', timeout: '60' });
      expect(verdictOf(right)).toMatchObject({ verdict: 'pass', exitCode: 3 });
    });

    test('an image whose manifest names a missing program fails', async () => {
      // ManifestPassthrough is applied last, so it replaces the program nanoship placed.
      const config = join(dir, 'missing-program.json');
      await writeFile(config, JSON.stringify({ ManifestPassthrough: { program: '/nope' } }));
      const image = await build('exit3', {
        config,
        imageName: 'missing-program',
        output: 'out/missing-program.img',
      });
      expect(image.manifest.get('program')).toBe('/nope');
      const result = await smoke(image, { expectExit: '0', timeout: '60' });
      expect(verdictOf(result)).toMatchObject({
        verdict: 'fail',
        reason: expect.stringMatching(/\/nope/),
      });
    });

    test('a program that never exits fails --expect-exit 0 with a timeout reason', async () => {
      const result = await smoke(await build('hang'), { expectExit: '0', timeout: '8' });
      expect(verdictOf(result)).toMatchObject({
        verdict: 'fail',
        reason: expect.stringMatching(/within 8 s/),
      });
      expect(result.exitCode).toBeUndefined();
    });

    test('a server listening on another port than the probe fails', async () => {
      const image = await build('server', {
        env: ['PORT=8081'],
        imageName: 'server-8081',
        output: 'out/server-8081.img',
      });
      const result = await smoke(image, { probes: ['http://:8080/'], timeout: '10' });
      expect(verdictOf(result)).toMatchObject({
        verdict: 'fail',
        reason: expect.stringMatching(/port 8080.*within 10 s/),
      });
    });
  });
});

if (!haveKernel) {
  describe('nanoship on a real Nanos kernel', () => {
    test.todo('skipped: NANOS_KERNEL_DIR is not set');
  });
}
