/**
 * What the main step hands to the post step, through `core.saveState`. Each key has one
 * writer and one typed reader here, so no other file spells a state key.
 */
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
 * Records a scratch folder the moment it exists, so that a cancelled or failed run still has
 * it removed by the post step (self-hosted runners keep their disks between jobs).
 */
export function recordTempDir(dir: string): void {
  core.saveState(State.TempDirs, JSON.stringify([...recordedTempDirs(), dir]));
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
