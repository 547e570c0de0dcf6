// What a cluster snapshot must look like before it is replayed: a snapshot comes from saved
// state, share links and files, so anything can arrive. Every field is checked, with an error
// naming the field, before a single input runs; a snapshot that passes replays without surprises
// (finite times, known operations, options in the ranges a browser tab can hold).
import type { ClusterInput, ClusterOptions, ClusterSnapshot } from './cluster';
import { parseKruiseEra } from './controller/era';

export class SnapshotError extends Error {
  constructor(message: string) {
    super(`not a valid cluster snapshot: ${message}`);
  }
}

const MUTATIONS = new Set(['scale', 'deletePod', 'labelPod', 'annotatePod', 'replacePod', 'deletePvc', 'replaceCloneSet', 'deleteCloneSet']);

/** Limits a browser tab can hold; the constructor enforces the same (see checkClusterOptions). */
export const OPTION_LIMITS = Object.freeze({
  nodes: [0, 1000],
  maxPodsPerNode: [1, 10_000],
  podQuota: [0, 1_000_000],
  reconcileDelaySeconds: [0, 3600],
  timingSeconds: [0, 86_400],
} as const);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function integerIn(value: unknown, [min, max]: readonly [number, number], field: string, fail: (m: string) => Error): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw fail(`${field} must be an integer from ${min} to ${max}`);
}

function secondsIn(value: unknown, [min, max]: readonly [number, number], field: string, fail: (m: string) => Error): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw fail(`${field} must be a number of seconds from ${min} to ${max}`);
}

/** Throws a clear error (made by `fail`) for options a cluster cannot be built from. */
export function checkClusterOptions(options: unknown, fail: (m: string) => Error = (m) => new Error(`cluster options: ${m}`)): asserts options is ClusterOptions {
  if (!isRecord(options)) throw fail('options must be an object');
  const { seed, nodes, maxPodsPerNode, timings, featureGates, kruiseVersion, podQuota, reconcileDelaySeconds } = options;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) throw fail('seed must be an integer');
  integerIn(nodes, OPTION_LIMITS.nodes, 'nodes', fail);
  integerIn(maxPodsPerNode, OPTION_LIMITS.maxPodsPerNode, 'maxPodsPerNode', fail);
  integerIn(podQuota, OPTION_LIMITS.podQuota, 'podQuota', fail);
  secondsIn(reconcileDelaySeconds, OPTION_LIMITS.reconcileDelaySeconds, 'reconcileDelaySeconds', fail);
  try {
    parseKruiseEra(kruiseVersion);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (featureGates !== undefined) {
    if (!isRecord(featureGates)) throw fail('featureGates must be a map of names to true/false');
    for (const [k, v] of Object.entries(featureGates)) if (typeof v !== 'boolean') throw fail(`featureGates.${k} must be true or false`);
  }
  if (timings !== undefined) {
    if (!isRecord(timings)) throw fail('timings must be an object');
    for (const [k, v] of Object.entries(timings)) {
      if (k === 'pullSeconds') {
        if (v === undefined) continue;
        if (!isRecord(v)) throw fail('timings.pullSeconds must be a map of images to seconds');
        for (const [image, s] of Object.entries(v)) secondsIn(s, OPTION_LIMITS.timingSeconds, `timings.pullSeconds["${image}"]`, fail);
      } else secondsIn(v, OPTION_LIMITS.timingSeconds, `timings.${k}`, fail);
    }
  }
}

function checkInput(input: unknown, i: number): asserts input is ClusterInput {
  const at = `inputs[${i}]`;
  const fail = (m: string) => new SnapshotError(`${at}: ${m}`);
  if (!isRecord(input)) throw fail('must be an object');
  switch (input.op) {
    case 'apply':
      if (typeof input.text !== 'string') throw fail('apply needs a text');
      return;
    case 'advance':
      if (typeof input.seconds !== 'number' || !Number.isFinite(input.seconds) || input.seconds < 0) throw fail('advance needs a finite number of seconds, 0 or more');
      return;
    case 'settle':
      if (typeof input.maxSeconds !== 'number' || !Number.isFinite(input.maxSeconds) || input.maxSeconds < 0) throw fail('settle needs a finite number of seconds, 0 or more');
      return;
    case 'step':
      return;
    case 'call':
      if (typeof input.name !== 'string' || !MUTATIONS.has(input.name)) throw fail(`unknown change ${JSON.stringify(input.name)}`);
      if (!Array.isArray(input.args)) throw fail('a change needs a list of arguments');
      return;
    default:
      throw fail(`unknown operation ${JSON.stringify(input.op)}`);
  }
}

/** Throws a SnapshotError naming the first field that is wrong. */
export function checkSnapshot(snapshot: unknown): asserts snapshot is ClusterSnapshot {
  if (!isRecord(snapshot)) throw new SnapshotError('expected an object with version 1');
  if (snapshot.version !== 1) throw new SnapshotError(`unknown version ${JSON.stringify(snapshot.version)} (expected 1)`);
  checkClusterOptions(snapshot.options, (m) => new SnapshotError(`options: ${m}`));
  if (!Array.isArray(snapshot.inputs)) throw new SnapshotError('inputs must be a list');
  snapshot.inputs.forEach(checkInput);
}
