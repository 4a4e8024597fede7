import { Pacer } from '../cost/pacer';

/**
 * Work written as a generator that yields between pieces (a cluster, a target): run whole where
 * a caller wants the answer at once (tests, pure callers), or in slices on the backend's event
 * loop, which every plugin's requests share.
 */
export type Steps<T> = Generator<void, T>;

/** The whole work, at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The work in slices: the event loop is given back whenever a slice has run SLICE_MS. */
export async function runStepsInSlices<T>(
  steps: Steps<T>,
  pacer = new Pacer(Infinity),
): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (pacer.due()) await pacer.pause();
  }
}
