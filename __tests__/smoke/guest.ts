/**
 * Test helper (not shipped): real Linux guests for the smoke-test runner, built from Debian
 * packages so CI needs no Nanos kernel. The cloud kernel and busybox-static are fetched once
 * with `apt-get download` into a cache folder keyed by their versions; each guest is an
 * initramfs made of a shared base archive (busybox, virtio modules) followed by a small archive
 * holding that guest's `/init` (the kernel unpacks concatenated newc archives in order).
 *
 * Pre-fetch (e.g. in CI after apt-get update):
 *   node --experimental-strip-types -e "import('./__tests__/smoke/guest.ts').then(m => m.prepareGuestKit())"
 * or just run the tests once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Modules to insmod, in dependency order (each `.ko`'s `depends=` says why). */
const MODULES = [
  'virtio_ring',
  'virtio',
  'virtio_pci_modern_dev',
  'virtio_pci_legacy_dev',
  'virtio_pci',
  'failover',
  'net_failover',
  'virtio_net',
  'scsi_common',
  'scsi_mod',
  'sd_mod',
  'virtio_scsi',
];

export const GUEST_HTTP_PORT = 8080;
export const GUEST_HTTP_BODY = 'nanoship test guest says hello';
export const GUEST_READY_LINE = 'nanoship-test-guest: httpd started';
/**
 * Printed before httpd starts. busybox httpd serves as soon as it forks, so a probe can be
 * answered (and the run stopped) before GUEST_READY_LINE reaches the console; a test that checks
 * the console log after a probe passed looks for this line, which always comes first.
 */
export const GUEST_STARTING_LINE = 'nanoship-test-guest: starting httpd';

export interface GuestKit {
  vmlinuz: string;
  /** busybox + modules, to be followed by a guest's init archive. */
  baseCpio: string;
  dir: string;
}

/** Fetches the packages (once per version) and builds the base archive. */
export async function prepareGuestKit(): Promise<GuestKit> {
  const kernelPackage = sh('apt-cache', ['depends', 'linux-image-cloud-amd64'])
    .split('\n')
    .map((line) => /Depends: (linux-image-\S+)/.exec(line)?.[1])
    .find((name) => name !== undefined);
  if (kernelPackage === undefined)
    throw new Error('apt-cache does not know linux-image-cloud-amd64');
  const busyboxVersion = /Candidate: (\S+)/.exec(
    sh('apt-cache', ['policy', 'busybox-static']),
  )?.[1];
  const key = `${kernelPackage}_busybox-${busyboxVersion}`.replace(/[^\w.-]/g, '_');
  const dir = join(tmpdir(), 'nanoship-test-guest', key);
  const kit = { vmlinuz: join(dir, 'vmlinuz'), baseCpio: join(dir, 'base.cpio'), dir };
  if (existsSync(kit.baseCpio)) return kit;

  await mkdir(join(tmpdir(), 'nanoship-test-guest'), { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'nanoship-test-guest', 'build-'));
  try {
    sh('apt-get', ['download', kernelPackage, 'busybox-static'], work);
    const debs = (await readdir(work)).filter((name) => name.endsWith('.deb'));
    for (const deb of debs) sh('dpkg-deb', ['-x', deb, 'x'], work);
    const modulesRoot = join(work, 'x/lib/modules');
    const [version] = await readdir(modulesRoot);
    const root = join(work, 'root');
    await mkdir(join(root, 'modules'), { recursive: true });
    for (const sub of ['bin', 'proc', 'sys', 'dev', 'www']) await mkdir(join(root, sub));
    sh('cp', [join(work, 'x/bin/busybox'), join(root, 'bin/busybox')]);
    for (const name of MODULES) {
      const found = sh('find', [join(modulesRoot, version!), '-name', `${name}.ko*`]).trim();
      if (found === '') throw new Error(`module ${name} not in ${kernelPackage}`);
      sh('cp', [found, join(root, 'modules', `${name}.ko`)]);
    }
    await writeFile(join(root, 'www/index.html'), `${GUEST_HTTP_BODY}\n`);
    const out = join(work, 'out');
    await mkdir(out);
    sh('cp', [join(work, `x/boot/vmlinuz-${version}`), join(out, 'vmlinuz')]);
    packCpio(root, join(out, 'base.cpio'));
    // Publish atomically so a concurrent or interrupted build never leaves half a kit.
    await rename(out, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(kit.baseCpio)) throw error;
    });
    return kit;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** What a guest's init does after loading modules and configuring eth0 (10.0.2.15). */
export type GuestBehaviour =
  | { kind: 'httpd' } // busybox httpd on 8080, serving GUEST_HTTP_BODY at /
  | { kind: 'die' } // init exits: the kernel panics and, with panic=-1, QEMU ends
  | { kind: 'poweroff' } // clean power-off, no klog record
  | { kind: 'klog'; lba: number; record: Buffer } // writes `record` 4 KiB before LBA on sda, powers off
  | { kind: 'print-crash' } // prints a Nanos fatal-signal line, then idles
  | { kind: 'idle' }; // network up, nothing listening, stays up

/** Builds the initramfs for one behaviour in `dir`; returns its path. */
export async function buildGuest(
  kit: GuestKit,
  behaviour: GuestBehaviour,
  dir: string,
): Promise<string> {
  const root = await mkdtemp(join(dir, 'init-'));
  await writeFile(join(root, 'init'), initScript(behaviour), { mode: 0o755 });
  if (behaviour.kind === 'klog') await writeFile(join(root, 'record'), behaviour.record);
  const initCpio = join(dir, `init-${behaviour.kind}.cpio`);
  packCpio(root, initCpio);
  const initrd = join(dir, `guest-${behaviour.kind}.cpio`);
  sh('sh', ['-c', `cat "${kit.baseCpio}" "${initCpio}" > "${initrd}"`]);
  await rm(root, { recursive: true });
  return initrd;
}

/** Kernel command line for the test guests: console on the serial port, reboot on panic. */
export const GUEST_APPEND = 'console=ttyS0 panic=-1 quiet';

function initScript(behaviour: GuestBehaviour): string {
  const common = [
    '#!/bin/busybox sh',
    '/bin/busybox --install -s /bin',
    'mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev',
    `for m in ${MODULES.join(' ')}; do insmod /modules/$m.ko; done`,
    'ip link set lo up; ip link set eth0 up',
    'ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2',
  ];
  const tail: Record<GuestBehaviour['kind'], string[]> = {
    httpd: [
      `echo "${GUEST_STARTING_LINE}"`,
      `httpd -p ${GUEST_HTTP_PORT} -h /www`,
      `echo "${GUEST_READY_LINE}"`,
      'exec sleep 100000',
    ],
    die: ['echo "init giving up"', 'exit 1'],
    poweroff: ['sync', 'poweroff -f'],
    klog:
      behaviour.kind === 'klog'
        ? [
            'while [ ! -b /dev/sda ]; do sleep 0.1; done',
            `dd if=/record of=/dev/sda bs=512 seek=${behaviour.lba - 8} conv=notrunc,fsync 2>/dev/null`,
            'sync',
            'poweroff -f',
          ]
        : [],
    'print-crash': [
      'echo "[1.234567] *** signal 11 received by tid 2, errno 0, code 1"',
      'echo "[1.234568]    fault address 0x0"',
      'exec sleep 100000',
    ],
    idle: ['exec sleep 100000'],
  };
  return `${[...common, ...tail[behaviour.kind]].join('\n')}\n`;
}

function packCpio(root: string, output: string): void {
  sh('sh', ['-c', `find . | sort | cpio -o -H newc --quiet > "${output}"`], root);
}

function sh(command: string, args: string[], cwd?: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first partition's LBA in test disks: the klog area is the 4 KiB before it. */
export const TEST_DISK_FIRST_LBA = 2048;

/**
 * A small disk that looks like a Nanos image to the runner: an MBR with the boot signature and
 * one partition at TEST_DISK_FIRST_LBA, an empty klog area, and non-zero bytes elsewhere (so
 * that a changed byte changes the sha256).
 */
export async function writeTestDisk(path: string): Promise<void> {
  const sizeBytes = 4 * 1024 * 1024;
  const disk = Buffer.alloc(sizeBytes);
  for (let i = 0; i < sizeBytes; i += 1) disk[i] = (i * 131 + 7) & 0xff;
  disk.fill(0, 0x1aa, 0x200);
  // The stage1 region record of a Nanos boot.img (stage2 at 0x8000, one sector long), so the
  // disk reads as a BIOS image, which is what it stands in for.
  disk.writeBigUInt64LE(0x8000n, 0x1aa);
  disk.writeBigUInt64LE(512n, 0x1b2);
  disk.writeUInt32LE(12, 0x1ba);
  disk[0x1be] = 0x80; // active
  disk[0x1be + 4] = 0x83; // type
  disk.writeUInt32LE(TEST_DISK_FIRST_LBA, 0x1be + 8); // LBA start
  disk.writeUInt32LE(sizeBytes / 512 - TEST_DISK_FIRST_LBA, 0x1be + 12); // sectors
  disk[0x1fe] = 0x55;
  disk[0x1ff] = 0xaa;
  disk.fill(0, TEST_DISK_FIRST_LBA * 512 - 4096, TEST_DISK_FIRST_LBA * 512); // klog area
  await writeFile(path, disk);
}
