// Scenario files (DESIGN.md "Scenario file"): read, check, run on a fresh cluster, and report as
// the headless command line prints it. A step the cluster refuses is a failed step; the run goes on.
import yaml from 'js-yaml';
import { Cluster, type ClusterOptions } from '../sim/cluster';
import { podsInOrder, type ClusterState } from '../sim/state';
import { isPodActive } from '../sim/controller/podState';
import { parseKruiseEra } from '../sim/controller/era';
import { runKubectl } from '../kubectl/run';
import { parseDuration } from './duration';

export type Step =
  | { apply: string }
  | { kubectl: string }
  | { advance: string | number }
  | { settle: string | number | null }
  | { snapshot: string };

export interface Scenario {
  name: string;
  seed: number;
  cluster: ClusterOptions;
  steps: Step[];
}

export interface StepResult {
  index: number;
  kind: 'apply' | 'kubectl' | 'advance' | 'settle' | 'snapshot';
  ok: boolean;
  output: string;
  error: string | null;
  exitCode: number;
  time: number;
}

export interface ScenarioResult {
  name: string;
  steps: StepResult[];
  snapshots: { name: string; state: ClusterState }[];
  final: ClusterState;
}

/** A scenario file that cannot be run: the message names what is wrong and where. */
export class ScenarioError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STEP_KINDS = ['apply', 'kubectl', 'advance', 'settle', 'snapshot'] as const;
const DEFAULT_SETTLE = '30m';

function clusterOptions(v: unknown, seed: number): ClusterOptions {
  if (v === undefined || v === null) return { seed };
  if (!isRecord(v)) throw new ScenarioError('cluster: expected a mapping');
  const known = ['nodes', 'imagePullSeconds', 'pullSeconds', 'podQuota', 'featureGates', 'maxPodsPerNode', 'kruiseVersion'];
  for (const k of Object.keys(v)) if (!known.includes(k)) throw new ScenarioError(`cluster: unknown field "${k}" (known: ${known.join(', ')})`);
  const num = (k: string, min: number, max: number) => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) throw new ScenarioError(`cluster.${k}: expected a number from ${min} to ${max}`);
    return x;
  };
  const pullSeconds: Record<string, number> = {};
  if (v.pullSeconds !== undefined) {
    if (!isRecord(v.pullSeconds)) throw new ScenarioError('cluster.pullSeconds: expected a mapping of image → seconds');
    for (const [image, s] of Object.entries(v.pullSeconds)) {
      if (typeof s !== 'number' || s < 0) throw new ScenarioError(`cluster.pullSeconds.${image}: expected seconds ≥ 0`);
      pullSeconds[image] = s;
    }
  }
  const options: ClusterOptions = { seed, timings: { pullSeconds } };
  const nodes = num('nodes', 1, 1000);
  if (nodes !== undefined) options.nodes = nodes;
  const pull = num('imagePullSeconds', 0, 3600);
  if (pull !== undefined) options.timings = { ...options.timings, imagePullSeconds: pull };
  const quota = num('podQuota', 0, 1_000_000);
  if (quota !== undefined) options.podQuota = quota;
  const maxPods = num('maxPodsPerNode', 1, 100_000);
  if (maxPods !== undefined) options.maxPodsPerNode = maxPods;
  if (v.featureGates !== undefined) {
    if (!isRecord(v.featureGates)) throw new ScenarioError('cluster.featureGates: expected a mapping of gate → true/false');
    options.featureGates = v.featureGates as Record<string, boolean>;
  }
  if (v.kruiseVersion !== undefined) {
    try {
      options.kruiseVersion = parseKruiseEra(v.kruiseVersion);
    } catch (e) {
      throw new ScenarioError(`cluster.kruiseVersion: ${(e as Error).message}`);
    }
  }
  return options;
}

function checkDuration(value: string | number, where: string): void {
  try {
    parseDuration(value, where);
  } catch (e) {
    throw new ScenarioError((e as Error).message);
  }
}

function step(v: unknown, i: number): Step {
  if (!isRecord(v)) throw new ScenarioError(`steps[${i}]: expected a mapping with one of ${STEP_KINDS.join(', ')}`);
  const keys = Object.keys(v);
  if (keys.length !== 1 || !(STEP_KINDS as readonly string[]).includes(keys[0])) {
    throw new ScenarioError(`steps[${i}]: expected exactly one of ${STEP_KINDS.join(', ')}, got ${keys.join(', ') || 'nothing'}`);
  }
  const kind = keys[0] as (typeof STEP_KINDS)[number];
  const value = v[kind];
  if (kind === 'settle') {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new ScenarioError(`steps[${i}].settle: expected a duration`);
    if (value !== null) checkDuration(value, `steps[${i}].settle`);
    return { settle: value };
  }
  if (kind === 'advance') {
    if (typeof value !== 'string' && typeof value !== 'number') throw new ScenarioError(`steps[${i}].advance: expected a duration such as 30s`);
    checkDuration(value, `steps[${i}].advance`);
    return { advance: value };
  }
  if (typeof value !== 'string' || value.trim() === '') throw new ScenarioError(`steps[${i}].${kind}: expected text`);
  return { [kind]: value } as Step;
}

/** Reads a scenario file's text; throws ScenarioError with a one-line reason. */
export function parseScenario(text: string): Scenario {
  let doc: unknown;
  try {
    doc = yaml.load(text, { json: false });
  } catch (e) {
    throw new ScenarioError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isRecord(doc)) throw new ScenarioError('expected a mapping with name and steps');
  const known = ['name', 'seed', 'cluster', 'steps', 'description'];
  for (const k of Object.keys(doc)) if (!known.includes(k)) throw new ScenarioError(`unknown field "${k}" (known: ${known.join(', ')})`);
  const seed = doc.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new ScenarioError('seed: expected an integer');
  if (!Array.isArray(doc.steps)) throw new ScenarioError('steps: expected a list');
  return {
    name: typeof doc.name === 'string' ? doc.name : '',
    seed,
    cluster: clusterOptions(doc.cluster, seed),
    steps: doc.steps.map(step),
  };
}

/** `@pods[N]` → the name of the N-th active pod, by creation time then name. */
export function substitutePods(text: string, cluster: Cluster): string {
  return text.replace(/@pods\[(\d+)\]/g, (whole, n: string) => {
    const active = podsInOrder(cluster.store.list('Pod').filter(isPodActive));
    const pod = active[Number(n)];
    if (!pod) throw new Error(`${whole}: there are only ${active.length} active pods`);
    return pod.metadata.name;
  });
}

/**
 * Runs one step on a cluster: a refused step is a failed step (the caller goes on). A snapshot
 * step hands the state to `onSnapshot` (a lesson has none and ignores it).
 */
export function runStep(cluster: Cluster, step: Step, index: number, onSnapshot?: (name: string) => void): StepResult {
  const [kind, value] = Object.entries(step)[0] as [StepResult['kind'], unknown];
  const result: StepResult = { index, kind, ok: true, output: '', error: null, exitCode: 0, time: Math.round(cluster.now() * 1000) / 1000 };
  try {
    if (kind === 'apply') {
      const outcome = cluster.apply(substitutePods(value as string, cluster));
      result.output = outcome.output;
      if (!outcome.ok) Object.assign(result, { ok: false, error: outcome.error ?? 'apply failed', exitCode: 1 });
    } else if (kind === 'kubectl') {
      const r = runKubectl(cluster, substitutePods(value as string, cluster));
      // kubectl's output ends in a newline; a step records it without that last one.
      const trim = (s: string) => s.replace(/\n$/, '');
      Object.assign(result, { ok: r.exitCode === 0, output: trim(r.stdout), error: trim(r.stderr) || null, exitCode: r.exitCode });
    } else if (kind === 'advance') {
      cluster.advance(parseDuration(value as string, 'advance'));
    } else if (kind === 'settle') {
      const max = parseDuration((value as string | null) ?? DEFAULT_SETTLE, 'settle');
      if (!cluster.settle(max)) result.output = `not at rest after ${value ?? DEFAULT_SETTLE}`;
    } else {
      onSnapshot?.(value as string);
    }
  } catch (e) {
    Object.assign(result, { ok: false, error: (e as Error).message, exitCode: 1 });
  }
  return result;
}

/** Runs a scenario on a fresh cluster. */
export function runScenario(scenario: Scenario): ScenarioResult {
  const cluster = new Cluster(scenario.cluster);
  const snapshots: ScenarioResult['snapshots'] = [];
  const steps = scenario.steps.map((s, index) => runStep(cluster, s, index, (name) => snapshots.push({ name, state: cluster.state() })));
  return { name: scenario.name, steps, snapshots, final: cluster.state() };
}
