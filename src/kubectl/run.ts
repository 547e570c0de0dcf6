// kubectl against the simulated cluster, for the verbs that change it: apply, scale, delete pod,
// label, patch and `kubectl kruise rollout pause|resume`. Output and errors are kubectl's own
// wording. The reading verbs (get, describe, logs…) are not part of this file.
import type { Cluster } from '../sim/cluster';
import type { CloneSet } from '../sim/api/types';
import { StoreError } from '../sim/store';
import { ApplyError } from '../sim/apply';
import { tokenize, TokenizeError } from './tokenize';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch';
import { kruiseRolloutReadVerbs, readVerbs, type KubectlResult, type VerbContext } from './readVerbs';

export type { KubectlResult, VerbContext } from './readVerbs';

const ok = (stdout: string): KubectlResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string, exitCode = 1): KubectlResult => ({ exitCode, stdout: '', stderr });

const CLONESET_NAMES = new Set(['cloneset', 'clonesets', 'clone', 'clonesets.apps.kruise.io', 'cloneset.apps.kruise.io']);
const POD_NAMES = new Set(['pod', 'pods', 'po']);
const READ_VERBS = new Set(['get', 'describe', 'logs', 'explain', 'edit', 'rollout', 'top', 'events', 'version', 'api-resources']);

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Splits words into positionals and flags (`--a=b`, `--a b` for flags that take values, `-n x`). */
function parseArgs(words: string[], valued: Set<string>): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('-') && w !== '-') {
      const eq = w.indexOf('=');
      const name = eq > 0 ? w.slice(0, eq) : w;
      if (eq > 0) flags.set(name, w.slice(eq + 1));
      else if (valued.has(name)) {
        if (i + 1 >= words.length) throw new UsageError(`error: flag needs an argument: ${name}`);
        flags.set(name, words[++i]);
      } else flags.set(name, true);
    } else positional.push(w);
  }
  return { positional, flags };
}

class UsageError extends Error {}

/** `clone/x` or `clone x` → the resource kind word and the names. */
function target(positional: string[]): { resource: string; names: string[] } {
  if (positional.length === 0) throw new UsageError('error: You must provide one or more resources by argument or filename.');
  const [first, ...rest] = positional;
  if (first.includes('/')) {
    const [resource, name] = first.split('/', 2);
    return { resource: resource.toLowerCase(), names: [name, ...rest.map((r) => r.split('/').pop() ?? r)] };
  }
  return { resource: first.toLowerCase(), names: rest };
}

function namespaceOf(flags: Map<string, string | true>): string {
  const ns = flags.get('-n') ?? flags.get('--namespace');
  return typeof ns === 'string' ? ns : 'default';
}

function unknownFlags(flags: Map<string, string | true>, known: string[]): void {
  for (const f of flags.keys()) if (!known.includes(f)) throw new UsageError(`error: unknown flag: ${f}`);
}

function notFound(e: unknown): KubectlResult {
  if (e instanceof StoreError) return fail(`Error from server (${e.reason}): ${e.message}`);
  if (e instanceof ApplyError) return fail(e.message);
  throw e;
}

function scale(cluster: Cluster, words: string[]): KubectlResult {
  const { positional, flags } = parseArgs(words, new Set(['--replicas', '-n', '--namespace']));
  unknownFlags(flags, ['--replicas', '-n', '--namespace']);
  const replicasText = flags.get('--replicas');
  if (typeof replicasText !== 'string') return fail('error: required flag(s) "replicas" not set');
  if (!/^\d+$/.test(replicasText)) return fail(`error: invalid argument "${replicasText}" for "--replicas" flag: strconv.ParseInt: parsing "${replicasText}": invalid syntax`);
  const { resource, names } = target(positional);
  if (!CLONESET_NAMES.has(resource)) return fail(`error: the server doesn't have a resource type "${resource}"`);
  try {
    for (const name of names) cluster.scale(namespaceOf(flags), name, Number(replicasText));
  } catch (e) {
    return notFound(e);
  }
  return ok(names.map((n) => `cloneset.apps.kruise.io/${n} scaled`).join('\n'));
}

function deleteCmd(cluster: Cluster, words: string[]): KubectlResult {
  const { positional, flags } = parseArgs(words, new Set(['-n', '--namespace']));
  unknownFlags(flags, ['-n', '--namespace', '--wait']);
  const { resource, names } = target(positional);
  const ns = namespaceOf(flags);
  const out: string[] = [];
  const err: string[] = [];
  for (const name of names) {
    try {
      if (POD_NAMES.has(resource)) {
        cluster.deletePod(ns, name);
        out.push(`pod "${name}" deleted`);
      } else if (CLONESET_NAMES.has(resource)) {
        cluster.deleteCloneSet(ns, name);
        out.push(`cloneset.apps.kruise.io "${name}" deleted`);
      } else return fail(`error: the server doesn't have a resource type "${resource}"`);
    } catch (e) {
      err.push(notFound(e).stderr);
    }
  }
  return { exitCode: err.length ? 1 : 0, stdout: out.join('\n'), stderr: err.join('\n') };
}

function label(cluster: Cluster, words: string[]): KubectlResult {
  const { positional, flags } = parseArgs(words, new Set(['-n', '--namespace']));
  unknownFlags(flags, ['-n', '--namespace', '--overwrite']);
  const isChange = (p: string) => p.includes('=') || (p.endsWith('-') && p.length > 1);
  const first = positional[0] ?? '';
  const { resource, names } = first.includes('/')
    ? target([first])
    : target([first, ...positional.slice(1).filter((p) => !isChange(p))]);
  if (!POD_NAMES.has(resource)) return fail(`error: the server doesn't have a resource type "${resource}"`);
  const changes: Record<string, string | null> = {};
  for (const p of positional.slice(1).filter(isChange)) {
    const eq = p.indexOf('=');
    if (eq < 0) changes[p.slice(0, -1)] = null;
    else changes[p.slice(0, eq)] = p.slice(eq + 1);
  }
  if (Object.keys(changes).length === 0) return fail('error: at least one label update is required');
  const ns = namespaceOf(flags);
  try {
    for (const name of names) {
      const pod = cluster.store.get('Pod', ns, name);
      if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
      for (const [k, v] of Object.entries(changes)) {
        const old = pod.metadata.labels?.[k];
        if (v !== null && old !== undefined && old !== v && flags.get('--overwrite') !== true) {
          return fail(`error: '${k}' already has a value (${old}), and --overwrite is false`);
        }
      }
      cluster.labelPod(ns, name, changes);
    }
  } catch (e) {
    return notFound(e);
  }
  return ok(names.map((n) => `pod/${n} labeled`).join('\n'));
}

function patch(cluster: Cluster, words: string[]): KubectlResult {
  const { positional, flags } = parseArgs(words, new Set(['-p', '--patch', '--type', '-n', '--namespace']));
  unknownFlags(flags, ['-p', '--patch', '--type', '-n', '--namespace']);
  const body = flags.get('-p') ?? flags.get('--patch');
  if (typeof body !== 'string') return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const type = flags.get('--type') ?? 'strategic';
  const { resource, names } = target(positional);
  if (!CLONESET_NAMES.has(resource)) return fail(`error: the server doesn't have a resource type "${resource}"`);
  if (type === 'strategic') {
    return fail(
      'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  }
  if (type !== 'merge' && type !== 'json') return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return fail(`error: unable to parse "${body}": ${(e as Error).message}`);
  }
  const ns = namespaceOf(flags);
  const out: string[] = [];
  try {
    for (const name of names) {
      const before = cluster.store.get('CloneSet', ns, name);
      const after = cluster.updateCloneSet(ns, name, (cs) => (type === 'merge' ? applyMergePatch(cs, doc) : applyJsonPatch(cs, doc)) as CloneSet);
      out.push(`cloneset.apps.kruise.io/${name} ${after === before ? 'patched (no change)' : 'patched'}`);
    }
  } catch (e) {
    if (e instanceof PatchError) return fail(`Error from server (UnprocessableEntity): ${e.message}`);
    return notFound(e);
  }
  return ok(out.join('\n'));
}

function kruiseRollout(ctx: VerbContext, words: string[]): KubectlResult {
  const cluster = ctx.cluster;
  const [action, ...rest] = words;
  const readVerb = action === undefined ? undefined : kruiseRolloutReadVerbs[action];
  if (readVerb) return readVerb(ctx, rest);
  if (action !== 'pause' && action !== 'resume') return fail(`error: "kubectl kruise rollout ${action ?? ''}" is not supported by this simulator yet`);
  const { positional, flags } = parseArgs(rest, new Set(['-n', '--namespace']));
  const { resource, names } = target(positional);
  if (!CLONESET_NAMES.has(resource)) return fail(`error: the server doesn't have a resource type "${resource}"`);
  const ns = namespaceOf(flags);
  const want = action === 'pause';
  const out: string[] = [];
  try {
    for (const name of names) {
      const cs = cluster.store.get('CloneSet', ns, name);
      if (!cs) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
      if ((cs.spec.updateStrategy?.paused ?? false) === want) return fail(`error: clonesets.apps.kruise.io/${name} is already ${want ? 'paused' : 'resumed'}`);
      cluster.updateCloneSet(ns, name, (c) => ({ ...c, spec: { ...c.spec, updateStrategy: { ...c.spec.updateStrategy, paused: want } } }));
      out.push(`cloneset.apps.kruise.io/${name} ${want ? 'paused' : 'resumed'}`);
    }
  } catch (e) {
    return notFound(e);
  }
  return ok(out.join('\n'));
}

/** Runs one kubectl command line (with or without the leading `kubectl`). `stdin` feeds `apply -f -`. */
export function runKubectl(cluster: Cluster, line: string, stdin?: string, options: Omit<VerbContext, 'cluster' | 'stdin'> = {}): KubectlResult {
  const ctx: VerbContext = { ...options, cluster, stdin };
  let words: string[];
  try {
    words = tokenize(line);
  } catch (e) {
    return fail(`error: ${(e as TokenizeError).message}`, 2);
  }
  if (words[0] === 'kubectl') words = words.slice(1);
  const [verb, ...rest] = words;
  try {
    switch (verb) {
      case undefined:
        return fail('error: no command given');
      case 'apply':
      case 'create': {
        const { flags } = parseArgs(rest, new Set(['-f', '--filename', '-n', '--namespace']));
        const file = flags.get('-f') ?? flags.get('--filename');
        if (file !== '-' || stdin === undefined) return fail('error: must specify one of -f and -k');
        const outcome = cluster.apply(stdin);
        return { exitCode: outcome.ok ? 0 : 1, stdout: outcome.output, stderr: outcome.error ?? '' };
      }
      case 'scale':
        return scale(cluster, rest);
      case 'delete':
        return deleteCmd(cluster, rest);
      case 'label':
        return label(cluster, rest);
      case 'patch':
        return patch(cluster, rest);
      case 'kruise':
        if (rest[0] === 'rollout') return kruiseRollout(ctx, rest.slice(1));
        return fail(`error: unknown command "${rest[0] ?? ''}" for "kubectl-kruise"`);
      default:
        if (Object.hasOwn(readVerbs, verb)) return readVerbs[verb](ctx, rest);
        if (READ_VERBS.has(verb)) return fail(`error: "kubectl ${verb}" is not supported by this simulator yet`);
        return fail(`error: unknown command "${verb}" for "kubectl"`);
    }
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
}
