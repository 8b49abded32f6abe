/**
 * Runs started together (in a `before`) and asserted one by one (each in its `it`): a settled promise
 * never goes unhandled while it waits for its test, and the test rethrows its failure.
 */
export type Settled<T> = Promise<{ value: T } | { error: unknown }>;

export function settle<T>(promise: Promise<T>): Settled<T> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

export async function resultOf<T>(settled: Settled<T>): Promise<T> {
  const outcome = await settled;
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
