/**
 * What the main step hands to the post step, through `core.saveState`. Each key has one
 * writer and one typed reader here, so no other file spells a state key. The runner reads the
 * state file when the main step ends however it ends (killed included), so whatever is saved
 * the moment it exists reaches the post step.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import type { CloudResource, ResourceRecorder } from '../cloud/types.js';
import { State } from '../constants.js';

/** Records that the main step started, so the post step knows there may be work to undo. */
export function markMainRan(): void {
  core.saveState(State.IsPost, 'true');
}

export function mainRan(): boolean {
  return core.getState(State.IsPost) === 'true';
}

/** A JSON array saved under `key`, or [] when absent or unreadable. */
function savedList<T>(key: State, keep: (item: unknown) => item is T): T[] {
  const raw = core.getState(key);
  if (raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(keep) : [];
  } catch {
    return [];
  }
}

/**
 * The main step's own view of what it saved: `core.getState` reads the post step's
 * environment, which the main step does not have.
 */
const saved = {
  [State.TempDirs]: [] as string[],
  [State.QemuPids]: [] as number[],
  [State.CloudResources]: [] as CloudResource[],
};

function save<K extends keyof typeof saved>(key: K, items: (typeof saved)[K]): void {
  saved[key] = items;
  core.saveState(key, JSON.stringify(items));
}

/**
 * Creates the run's scratch folder (downloads, the smoke test's throwaway disk) under `root`
 * and records it the moment it exists, so that a cancelled or failed run still has it removed
 * by the post step (self-hosted runners keep their disks between jobs).
 */
export async function makeScratchDir(root = os.tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'nanoship-'));
  save(State.TempDirs, [...saved[State.TempDirs], dir]);
  return dir;
}

export function recordedTempDirs(): string[] {
  return savedList(State.TempDirs, (item): item is string => typeof item === 'string');
}

/** Records a QEMU the smoke test started, for the post step to stop if the main step died. */
export function recordQemuPid(pid: number): void {
  save(State.QemuPids, [...saved[State.QemuPids], pid]);
}

export function recordedQemuPids(): number[] {
  return savedList(State.QemuPids, (item): item is number => Number.isInteger(item));
}

const sameResource = (a: CloudResource, b: CloudResource) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the cloud resources that exist and are not yet settled in the state: the post step
 * deletes what is still listed when the main step ends.
 */
export const stateRecorder: ResourceRecorder = {
  created(resource) {
    save(State.CloudResources, [...saved[State.CloudResources], resource]);
  },
  settled(resource) {
    save(
      State.CloudResources,
      saved[State.CloudResources].filter((item) => !sameResource(item, resource)),
    );
  },
};

export function recordedResources(): CloudResource[] {
  return savedList(
    State.CloudResources,
    (item): item is CloudResource =>
      typeof item === 'object' && item !== null && 'cloud' in item && 'id' in item,
  );
}
