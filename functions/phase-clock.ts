/**
 * Where a bulk job's time goes (issue 23: `bench:sync` prints each phase of the sync). A job that is
 * given a clock wraps each kind of work in `time(phase, …)`; without one it pays nothing. Phases of
 * a pipeline overlap (several chunks are read back and written at once), so a phase's time is the
 * sum of its calls' durations ("busy" time), which can exceed the wall time; `calls` says how often
 * it ran.
 */
export interface PhaseClock {
  time<T>(phase: string, work: () => Promise<T>): Promise<T>;
  timeSync<T>(phase: string, work: () => T): T;
}

export interface PhaseTotal {
  ms: number;
  calls: number;
}

/** A clock that adds each call's duration to its phase. */
export function phaseClock(): PhaseClock & { totals: Map<string, PhaseTotal> } {
  const totals = new Map<string, PhaseTotal>();
  const add = (phase: string, started: number) => {
    const t = totals.get(phase) ?? { ms: 0, calls: 0 };
    t.ms += performance.now() - started;
    t.calls++;
    totals.set(phase, t);
  };
  return {
    totals,
    async time(phase, work) {
      const started = performance.now();
      try {
        return await work();
      } finally {
        add(phase, started);
      }
    },
    timeSync(phase, work) {
      const started = performance.now();
      try {
        return work();
      } finally {
        add(phase, started);
      }
    },
  };
}

/** The clock of a job that was given none: runs the work, measures nothing. */
export const noClock: PhaseClock = {
  time: (_phase, work) => work(),
  timeSync: (_phase, work) => work(),
};
