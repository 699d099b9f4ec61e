import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { parseFileOption, planBuild } from '../../src/plan/build-plan.js';
import type { OpsConfig } from '../../src/plan/config.js';
import {
  actionInputName,
  cliOptionName,
  emptyOptions,
  type Options,
} from '../../src/plan/options.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'nanoship-build-plan-'));
writeFileSync(path.join(cwd, 'server'), 'not read by the planner');
writeFileSync(path.join(cwd, 'my server'), 'a name an image may not have');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const options = (fields: Partial<Options>): Options => ({ ...emptyOptions(), ...fields });
const plan = (fields: Partial<Options>, config: OpsConfig = {}) =>
  planBuild(options(fields), config, { cwd, namer: cliOptionName });

describe('planBuild', () => {
  test('uefi: off by default, on with --uefi, config.json Uefi when no flag says', async () => {
    expect((await plan({ program: 'server' })).uefi).toBe(false);
    expect((await plan({ program: 'server', uefi: 'true' })).uefi).toBe(true);
    expect((await plan({ program: 'server' }, { Uefi: true })).uefi).toBe(true);
    expect((await plan({ program: 'server', uefi: 'false' }, { Uefi: true })).uefi).toBe(false);
    await expect(
      planBuild(options({ program: 'server', uefi: 'yes' }), {}, { cwd, namer: actionInputName }),
    ).rejects.toThrow('input "uefi" must be true or false, got "yes".');
  });

  test('--target-root is the sysroot for libraries, like config.json TargetRoot, and wins', async () => {
    expect((await plan({ program: 'server', targetRoot: 'sysroot' })).manifest.targetRoot).toBe(
      path.join(cwd, 'sysroot'),
    );
    expect(
      (await plan({ program: 'server' }, { TargetRoot: '/usr/aarch64-linux-gnu' })).manifest
        .targetRoot,
    ).toBe('/usr/aarch64-linux-gnu');
    expect(
      (await plan({ program: 'server', targetRoot: '/opt/root' }, { TargetRoot: '/x' })).manifest
        .targetRoot,
    ).toBe('/opt/root');
  });

  test('places the program and names the image after it', async () => {
    const built = await plan({ program: './server', caBundle: 'none' });
    expect(built.imageName).toBe('server');
    expect(built.output).toBe(path.join(cwd, '.nanoship', 'server.img'));
    expect(built.manifest.program).toEqual({
      argv0: './server',
      hostPath: path.join(cwd, 'server'),
      imagePath: '/server',
    });
    expect(built.manifest.caBundlePath).toBeNull();
  });

  test('takes the program from config.json when no flag gives one', async () => {
    const built = await plan({}, { Program: 'server', Args: ['-v'] });
    expect(built.manifest.program.imagePath).toBe('/server');
    expect(built.manifest.args).toEqual(['-v']);
  });

  test.each([
    {
      name: '--arg replaces Args',
      fields: { args: ['b'] },
      config: { Args: ['a'] },
      expected: { args: ['b'] },
    },
    {
      name: '--env wins key by key',
      fields: { env: ['A=flag', 'C=x=y'] },
      config: { Env: { A: 'file', B: 'file' } },
      expected: { env: { A: 'flag', B: 'file', C: 'x=y' } },
    },
    {
      name: '--dir adds to Dirs',
      fields: { dirs: ['static'] },
      config: { Dirs: ['conf'] },
      expected: { dirs: ['conf', 'static'] },
    },
  ])('$name', async ({ fields, config, expected }) => {
    const built = await plan({ program: 'server', ...fields }, config);
    expect(built.manifest).toMatchObject(expected);
  });

  test('uses config.json Kernel/Boot/KlibDir unless a kernel directory is given', async () => {
    const config = { Kernel: 'k/kernel.img', Boot: 'k/boot.img', KlibDir: 'k/klibs' };
    expect((await plan({ program: 'server' }, config)).kernelOverrides).toEqual({
      kernelImg: path.join(cwd, 'k/kernel.img'),
      bootImg: path.join(cwd, 'k/boot.img'),
      klibsDir: path.join(cwd, 'k/klibs'),
    });
    expect(
      (await plan({ program: 'server', kernelDir: '/kernel' }, config)).kernelOverrides,
    ).toEqual({});
  });

  test('reads the size from --size before BaseVolumeSz', async () => {
    expect(
      (await plan({ program: 'server', size: '64m' }, { BaseVolumeSz: '1g' })).minSizeBytes,
    ).toBe(64 * 1024 * 1024);
    expect((await plan({ program: 'server' }, { BaseVolumeSz: '1k' })).minSizeBytes).toBe(1024);
  });

  describe('odd inputs', () => {
    test.each([
      { fields: {}, config: {}, message: 'No program to pack' },
      { fields: { program: 'nope' }, config: {}, message: 'Program nope does not exist' },
      { fields: { program: 'server', env: ['=x'] }, config: {}, message: '--env takes KEY=VALUE' },
      {
        fields: { program: 'server', size: 'big' },
        config: {},
        message: '--size must be a size such as 512m',
      },
      {
        fields: { program: 'server' },
        config: { BaseVolumeSz: '2x' },
        message: 'config.json BaseVolumeSz must be a size',
      },
      {
        fields: { program: 'server', size: '3000g' },
        config: {},
        message: '--size must be at most 2 TiB',
      },
      {
        fields: { program: 'server', imageName: 'a b' },
        config: {},
        message: '--image-name "a b" must start with a letter or digit and may only hold',
      },
      {
        fields: { program: 'server' },
        config: { CloudConfig: { ImageName: 'a b' } },
        message:
          'config.json CloudConfig.ImageName "a b" must start with a letter or digit and may only hold letters, digits, ".", "_" and "-".',
      },
      {
        fields: { program: 'my server' },
        config: {},
        message:
          'The image name "my server", taken from the program\'s file name, must start with a letter or digit and may only hold letters, digits, ".", "_" and "-": give a name with --image-name.',
      },
    ])('refuses $fields $config', async ({ fields, config, message }) => {
      await expect(plan(fields, config as OpsConfig)).rejects.toThrow(message);
    });
  });
});

describe('parseFileOption', () => {
  test.each([
    {
      raw: 'conf/app.toml',
      expected: { host: path.join(cwd, 'conf/app.toml'), image: '/conf/app.toml' },
    },
    {
      raw: 'app.toml:/etc/app.toml',
      expected: { host: path.join(cwd, 'app.toml'), image: '/etc/app.toml' },
    },
  ])('reads $raw', ({ raw, expected }) => {
    expect(parseFileOption(raw, cliOptionName, cwd)).toMatchObject(expected);
  });

  test('refuses a relative image path', () => {
    expect(() => parseFileOption('a:b', cliOptionName, cwd)).toThrow('--file takes host-path');
  });

  test('names the Action input "files" in its message and origin', () => {
    expect(() => parseFileOption('a:b', actionInputName, cwd)).toThrow(
      'input "files" takes host-path or host-path:/image/path, got "a:b".',
    );
    expect(parseFileOption('a', actionInputName, cwd).origin).toBe('input "files"');
  });
});
