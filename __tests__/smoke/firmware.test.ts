// Finding the UEFI firmware QEMU boots UEFI images with, and the per-boot copy of its variable
// store. Candidate lists are given as temp files, so the tests do not depend on what this
// machine has installed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  copyFirmwareVars,
  findUefiFirmware,
  UEFI_FIRMWARE_CANDIDATES,
} from '../../src/smoke/firmware.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-firmware-'));
  for (const name of ['a-code.fd', 'b-code.fd', 'b-vars.fd', 'c-code.fd', 'c-vars.fd']) {
    await writeFile(join(dir, name), name);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pair = (name: string) => ({
  code: join(dir, `${name}-code.fd`),
  vars: join(dir, `${name}-vars.fd`),
});

describe('findUefiFirmware', () => {
  test('takes the first candidate whose code and variable store both exist', async () => {
    // a has no variable store, so b wins over c.
    expect(await findUefiFirmware('x86_64', [pair('a'), pair('b'), pair('c')])).toEqual(pair('b'));
  });

  test.each([
    { arch: 'x86_64' as const, install: 'sudo apt-get install -y ovmf' },
    { arch: 'aarch64' as const, install: 'sudo apt-get install -y qemu-efi-aarch64' },
  ])(
    'none installed for $arch: a UserError naming the package and the paths',
    async ({ arch, install }) => {
      const error = await findUefiFirmware(arch, [pair('a'), pair('missing')]).catch((e) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toContain(`The ${arch} image boots through UEFI`);
      expect(error.message).toContain(install);
      expect(error.message).toContain(pair('missing').code);
    },
  );

  test('looks where Debian installs OVMF and AAVMF first', () => {
    expect(UEFI_FIRMWARE_CANDIDATES.x86_64[0]?.code).toBe('/usr/share/OVMF/OVMF_CODE_4M.fd');
    expect(UEFI_FIRMWARE_CANDIDATES.aarch64[0]?.code).toBe('/usr/share/AAVMF/AAVMF_CODE.fd');
  });
});

describe('copyFirmwareVars', () => {
  test('copies the template, which stays untouched when the copy is written', async () => {
    const copy = await copyFirmwareVars(pair('b'), join(dir, 'boot-vars.fd'));
    await writeFile(copy, 'written by the firmware');
    expect(await readFile(pair('b').vars, 'utf8')).toBe('b-vars.fd');
  });

  test('a template that cannot be read is a UserError naming it', async () => {
    await expect(copyFirmwareVars(pair('a'), join(dir, 'x.fd'))).rejects.toThrow(
      `Cannot copy the UEFI variable store ${pair('a').vars} for the smoke test`,
    );
  });
});
