// V8 favours memory while an upload runs, and only then: one switch shared by overlapping
// uploads, turned off when the last one ends, failed ones included.
import { expect, jest, test } from '@jest/globals';

const setFlagsFromString = jest.fn<(flags: string) => void>();
jest.unstable_mockModule('node:v8', () => ({ setFlagsFromString }));
const { favoringMemory } = await import('../../../src/cloud/aws/favor-memory.js');

test('switches --optimize-for-size on for the work and off after it, also when it fails', async () => {
  setFlagsFromString.mockClear();
  let during: string[] = [];
  await favoringMemory(async () => {
    during = setFlagsFromString.mock.calls.map(([flags]) => flags);
  });
  expect(during).toEqual(['--optimize-for-size']);
  expect(setFlagsFromString.mock.calls.at(-1)).toEqual(['--no-optimize-for-size']);

  setFlagsFromString.mockClear();
  await expect(favoringMemory(() => Promise.reject(new Error('upload failed')))).rejects.toThrow(
    'upload failed',
  );
  expect(setFlagsFromString.mock.calls).toEqual([
    ['--optimize-for-size'],
    ['--no-optimize-for-size'],
  ]);
});

test('overlapping uploads share the switch: off only when the last one ends', async () => {
  setFlagsFromString.mockClear();
  let finishFirst = () => {};
  const first = favoringMemory(() => new Promise<void>((resolve) => (finishFirst = resolve)));
  await favoringMemory(async () => {});
  expect(setFlagsFromString.mock.calls).toEqual([['--optimize-for-size']]);
  finishFirst();
  await first;
  expect(setFlagsFromString.mock.calls).toEqual([
    ['--optimize-for-size'],
    ['--no-optimize-for-size'],
  ]);
});
