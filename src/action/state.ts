/**
 * What the main step hands to the post step, through `core.saveState`. Each key has one
 * writer and one typed reader here, so no other file spells a state key.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { State } from '../constants.js';

/** Records that the main step started, so the post step knows there may be work to undo. */
export function markMainRan(): void {
  core.saveState(State.IsPost, 'true');
}

export function mainRan(): boolean {
  return core.getState(State.IsPost) === 'true';
}

/**
 * Creates the run's scratch folder (downloads, the smoke test's throwaway disk) under `root`
 * and records it the moment it exists, so that a cancelled or failed run still has it removed
 * by the post step (self-hosted runners keep their disks between jobs).
 */
export async function makeScratchDir(root = os.tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'nanoship-'));
  core.saveState(State.TempDirs, JSON.stringify([...recordedTempDirs(), dir]));
  return dir;
}

export function recordedTempDirs(): string[] {
  const raw = core.getState(State.TempDirs);
  if (raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
