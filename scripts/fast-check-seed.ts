/**
 * A vitest setup file: every property test (fast-check) runs from one fixed seed, so that a run of
 * the suite, CI's included, checks the same inputs each time and a failure can be replayed.
 * `ALLOY_PROPERTY_SEED=<integer>` picks another seed; `ALLOY_PROPERTY_SEED=random` a new one per
 * run, to explore (fast-check prints the seed of a failure). Tests that pass their own `seed` keep it.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20_261_207;

function seedFromEnvironment(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return DEFAULT_SEED;
  if (value.trim() === 'random') return undefined;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`ALLOY_PROPERTY_SEED must be an integer or "random", got "${value}"`);
  return seed;
}

const seed = seedFromEnvironment(process.env['ALLOY_PROPERTY_SEED']);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
