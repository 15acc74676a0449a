import type { Call } from '../helpers/sessions';

/** Milliseconds since a process.hrtime.bigint() reading. */
export const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median time of `runs` calls of one method through the core (a failed call stops the bench). */
export async function medianOfCalls(call: Call, name: string, input: unknown, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const e = await call(name, input);
    times.push(ms(t0));
    if (!e.ok) throw new Error(`${name}: ${e.error.message}`);
  }
  return median(times);
}
