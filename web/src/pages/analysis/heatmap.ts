/**
 * The colour scale of the coverage heatmap: a sequential blue palette in five steps for the
 * counts above zero (zero stays white). Each step names its text colour so that the count in
 * the cell keeps a contrast of at least 4.5:1 (dark ink on the light steps, white on the dark).
 */
export const STEPS = 5;

/** The step (1 … STEPS) of a count, relative to the largest count of the matrix; 0 for zero. */
export function stepOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(STEPS, Math.max(1, Math.ceil((count * STEPS) / max)));
}

/** The counts each step stands for, for the legend; steps no whole number falls into are left out. */
export function legendOf(max: number): { step: number; from: number; to: number }[] {
  const steps: { step: number; from: number; to: number }[] = [];
  for (let step = 1; step <= STEPS; step++) {
    const from = Math.floor(((step - 1) * max) / STEPS) + 1;
    const to = Math.floor((step * max) / STEPS);
    if (from <= to) steps.push({ step, from, to });
  }
  return steps;
}
