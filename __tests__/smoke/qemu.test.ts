import { createServer } from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { pickFreePorts, type QemuSpec, qemuArgs } from '../../src/smoke/qemu.js';

const base: QemuSpec = {
  bootMode: 'disk',
  disk: '/tmp/x/disk.img',
  accel: 'tcg',
  memoryMiB: 512,
  cpus: 2,
  forwards: [{ hostPort: 40001, guestPort: 8080 }],
};

/** The value following `flag` each time it appears. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]!] : []));
}

describe('qemuArgs', () => {
  test('disk mode: q35, virtio-scsi disk, virtio-net with a 127.0.0.1 forward, no display', () => {
    const args = qemuArgs(base);
    expect(valuesOf(args, '-machine')).toEqual(['q35']);
    expect(valuesOf(args, '-drive')).toEqual(['file=/tmp/x/disk.img,format=raw,if=none,id=hd0']);
    expect(valuesOf(args, '-device')).toEqual([
      'isa-debug-exit',
      'virtio-scsi-pci,id=scsi0',
      'scsi-hd,bus=scsi0.0,drive=hd0',
      'virtio-net-pci,netdev=n0',
    ]);
    expect(valuesOf(args, '-netdev')).toEqual(['user,id=n0,hostfwd=tcp:127.0.0.1:40001-:8080']);
    expect(valuesOf(args, '-display')).toEqual(['none']);
    expect(valuesOf(args, '-serial')).toEqual(['stdio']);
    expect(args).toContain('-no-reboot');
    expect(args).toContain('-nodefaults');
    expect(args).not.toContain('-kernel');
  });

  test.each([
    { accel: 'tcg' as const, want: ['-accel', 'tcg', '-cpu', 'max'] },
    { accel: 'kvm' as const, want: ['-accel', 'kvm', '-cpu', 'host'] },
  ])('accelerator $accel', ({ accel, want }) => {
    const args = qemuArgs({ ...base, accel });
    const at = args.indexOf('-accel');
    expect(args.slice(at, at + 4)).toEqual(want);
  });

  test('memory and CPUs', () => {
    const args = qemuArgs(base);
    expect(valuesOf(args, '-m')).toEqual(['512M']);
    expect(valuesOf(args, '-smp')).toEqual(['2']);
  });

  test('direct mode: microvm with the kernel and virtio-mmio devices (Nanos make run MICROVM=1)', () => {
    const args = qemuArgs({ ...base, bootMode: 'direct', kernelImg: '/k/kernel.img' });
    expect(valuesOf(args, '-machine')).toEqual(['microvm,rtc=on,ioapic2=off']);
    expect(valuesOf(args, '-kernel')).toEqual(['/k/kernel.img']);
    expect(valuesOf(args, '-global')).toEqual(['virtio-mmio.force-legacy=false']);
    expect(valuesOf(args, '-device')).toEqual([
      'isa-debug-exit',
      'virtio-blk-device,drive=hd0',
      'virtio-net-device,netdev=n0',
    ]);
  });

  test('several forwards, and none', () => {
    const forwards = [
      { hostPort: 40001, guestPort: 8080 },
      { hostPort: 40002, guestPort: 1 },
    ];
    expect(valuesOf(qemuArgs({ ...base, forwards }), '-netdev')).toEqual([
      'user,id=n0,hostfwd=tcp:127.0.0.1:40001-:8080,hostfwd=tcp:127.0.0.1:40002-:1',
    ]);
    expect(valuesOf(qemuArgs({ ...base, forwards: [] }), '-netdev')).toEqual(['user,id=n0']);
  });

  test('a comma in the disk path is doubled, as QEMU option values need', () => {
    const args = qemuArgs({ ...base, disk: '/tmp/a,b/disk.img' });
    expect(valuesOf(args, '-drive')).toEqual(['file=/tmp/a,,b/disk.img,format=raw,if=none,id=hd0']);
  });

  test('a Linux boot source adds -kernel, -initrd and -append on q35', () => {
    const linuxBoot = { kernel: '/g/vmlinuz', initrd: '/g/init.cpio', append: 'console=ttyS0' };
    const args = qemuArgs({ ...base, linuxBoot });
    expect(valuesOf(args, '-machine')).toEqual(['q35']);
    expect(valuesOf(args, '-kernel')).toEqual(['/g/vmlinuz']);
    expect(valuesOf(args, '-initrd')).toEqual(['/g/init.cpio']);
    expect(valuesOf(args, '-append')).toEqual(['console=ttyS0']);
  });

  test("x86 disk mode with UEFI firmware: q35 with the code read-only and this boot's variable store", () => {
    const uefi = { code: '/fw/OVMF_CODE.fd', vars: '/tmp/x/vars,1.fd' };
    const args = qemuArgs({ ...base, uefi });
    expect(valuesOf(args, '-machine')).toEqual(['q35']);
    expect(valuesOf(args, '-drive')).toEqual([
      'if=pflash,format=raw,readonly=on,file=/fw/OVMF_CODE.fd',
      'if=pflash,format=raw,file=/tmp/x/vars,,1.fd',
      'file=/tmp/x/disk.img,format=raw,if=none,id=hd0',
    ]);
    expect(valuesOf(args, '-device')).toContain('isa-debug-exit');
  });

  test('aarch64 disk mode: virt with GICv2 under TCG, UEFI flash, no x86-only devices', () => {
    const uefi = { code: '/fw/AAVMF_CODE.fd', vars: '/tmp/x/vars.fd' };
    const args = qemuArgs({ ...base, arch: 'aarch64', uefi });
    expect(valuesOf(args, '-machine')).toEqual(['virt,gic-version=2,highmem=off']);
    expect(valuesOf(args, '-cpu')).toEqual(['max']);
    expect(valuesOf(args, '-drive')).toEqual([
      'if=pflash,format=raw,readonly=on,file=/fw/AAVMF_CODE.fd',
      'if=pflash,format=raw,file=/tmp/x/vars.fd',
      'file=/tmp/x/disk.img,format=raw,if=none,id=hd0',
    ]);
    expect(valuesOf(args, '-device')).toEqual([
      'virtio-scsi-pci,id=scsi0',
      'scsi-hd,bus=scsi0.0,drive=hd0',
      'virtio-net-pci,netdev=n0',
    ]);
    expect(valuesOf(args, '-netdev')).toEqual(['user,id=n0,hostfwd=tcp:127.0.0.1:40001-:8080']);
  });

  test("aarch64 under KVM: the host's CPU and GIC", () => {
    const uefi = { code: '/fw/AAVMF_CODE.fd', vars: '/tmp/x/vars.fd' };
    const args = qemuArgs({ ...base, arch: 'aarch64', uefi, accel: 'kvm' });
    expect(valuesOf(args, '-machine')).toEqual(['virt,gic-version=host,highmem=off']);
    expect(valuesOf(args, '-cpu')).toEqual(['host']);
  });

  test('aarch64 direct mode loads the kernel without firmware', () => {
    const args = qemuArgs({
      ...base,
      arch: 'aarch64',
      bootMode: 'direct',
      kernelImg: '/k/kernel.img',
    });
    expect(valuesOf(args, '-kernel')).toEqual(['/k/kernel.img']);
    expect(args.some((arg) => arg.startsWith('if=pflash'))).toBe(false);
  });

  test('an aarch64 disk boot without UEFI firmware is a programming error', () => {
    expect(() => qemuArgs({ ...base, arch: 'aarch64' })).toThrow('needs UEFI firmware');
  });

  test('extra arguments come last', () => {
    expect(qemuArgs({ ...base, extraArgs: ['-d', 'int'] }).slice(-2)).toEqual(['-d', 'int']);
  });
});

describe('pickFreePorts', () => {
  test('returns distinct ports that can be bound on 127.0.0.1', async () => {
    const ports = await pickFreePorts(3);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
