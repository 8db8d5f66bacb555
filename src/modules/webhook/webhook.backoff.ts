/**
 * Step `step` (0, 1, 2, …) of a series that starts at `first` and doubles, never above `max`:
 * the pauses of the outbox's retries, of a worker whose database does not answer, and of the
 * listener's reconnects.
 */
export function doubling(first: number, max: number, step: number): number {
  // The exponent is capped so that a long run of failures cannot overflow to Infinity.
  return Math.min(max, first * 2 ** Math.min(Math.max(step, 0), 40));
}
