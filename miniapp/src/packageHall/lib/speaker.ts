import type { Speaker } from './speech-queue';

/** Mini-program runtimes have no speech synthesis: the board shows calls without speaking them. */
export function createSpeaker(): Speaker | null {
  return null;
}
