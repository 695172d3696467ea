/**
 * The benchmarks' comparison with upstream (parse-bench.mjs of packages/syntax, format-bench.mjs of
 * packages/prettier-plugin-alloy): our runs and `alloy-oracle bench` runs interleaved in one
 * process, so that both sides see the same machine (this one's speed drifts by half within
 * minutes, and other work shares its cores).
 *
 * One round: one `alloy-oracle bench N FILE...` (upstream's best of N, parse and parse + format),
 * then our works k times with `gc()` before each run, then k times back to back without it (the
 * two modes swap places every round), k chosen so that a round of each mode takes about
 * `roundSeconds`. Rounds go on until there are at least `minimumRounds` (5) and each mode has spent
 * `minimumSeconds` on the first work. Each figure is the best over all rounds: upstream's of
 * rounds x N runs, ours of rounds x k runs per mode (N = 3 by default, k >= 1), so that a loaded
 * machine's quiet moments are as likely to be caught on either side.
 * Needs --expose-gc.
 */
import { oracleBench } from './alloy-oracle.mjs';

export const MB = 1e6;

function timed(work, collect) {
  if (collect) globalThis.gc();
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * `works`: [{ name, run }], each run doing all of its input once. `oracle`: { binary, files, bytes }
 * or null. Returns, in seconds, the best run of each work with gc() before each run (`gc`) and
 * without (`noGc`); upstream's best rates in bytes per second (`upstream`, or null with
 * `upstreamError` saying why), with the range of its per-round bests (`upstreamRounds`).
 */
export function compareWithUpstream({ works, oracle, oracleRuns = 3, minimumSeconds = 2, minimumRounds = 5, roundSeconds = 0.5 }) {
  // Warm-up, and how many runs of each mode fit in about `roundSeconds`.
  let estimate = 0;
  for (const work of works) estimate = Math.max(estimate, timed(work.run, true));
  const perRound = Math.max(1, Math.min(50, Math.round(roundSeconds / Math.max(estimate, 1e-6))));
  const best = { gc: works.map(() => Infinity), noGc: works.map(() => Infinity) };
  const total = { gc: 0, noGc: 0 };
  const upstreamRounds = [];
  let upstreamError = oracle ? null : 'not measured';
  let rounds = 0;
  const runMode = (mode) => {
    for (let repeat = 0; repeat < perRound; repeat++) {
      works.forEach((work, index) => {
        const seconds = timed(work.run, mode === 'gc');
        best[mode][index] = Math.min(best[mode][index], seconds);
        if (index === 0) total[mode] += seconds;
      });
    }
  };
  while (rounds < minimumRounds || total.gc < minimumSeconds || total.noGc < minimumSeconds) {
    if (oracle && upstreamError === null) {
      const answer = oracleBench(oracle.binary, oracleRuns, oracle.files, oracle.bytes);
      // A failed oracle run is reported with the figures, not retried every round.
      if (answer.ok) upstreamRounds.push(answer);
      else upstreamError = `${answer.error} (round ${rounds + 1})`;
    }
    const modes = rounds % 2 === 0 ? ['gc', 'noGc'] : ['noGc', 'gc'];
    for (const mode of modes) runMode(mode);
    rounds++;
  }
  const upstream =
    upstreamRounds.length === 0
      ? null
      : {
          parse: Math.max(...upstreamRounds.map((round) => round.parse)),
          parseAndFormat: Math.max(...upstreamRounds.map((round) => round.parseAndFormat)),
        };
  return {
    rounds,
    perRound,
    best,
    upstream,
    upstreamError: upstreamRounds.length > 0 && upstreamError === null ? null : upstreamError,
    upstreamRounds: upstreamRounds.length,
    upstreamRange:
      upstreamRounds.length === 0
        ? null
        : {
            parse: [Math.min(...upstreamRounds.map((round) => round.parse)), Math.max(...upstreamRounds.map((round) => round.parse))],
            parseAndFormat: [
              Math.min(...upstreamRounds.map((round) => round.parseAndFormat)),
              Math.max(...upstreamRounds.map((round) => round.parseAndFormat)),
            ],
          },
  };
}

/** MB/s (MB = 10^6 bytes, as alloy-oracle counts) of `bytes` in `seconds`, or of a rate in bytes per second. */
export const rate = (bytes, seconds) => (bytes / MB / seconds).toFixed(1);
export const rateOf = (bytesPerSecond) => (bytesPerSecond / MB).toFixed(1);
export const goal = (ok) => (ok ? 'met' : '**not met**');
