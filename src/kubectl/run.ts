// kubectl against the simulated cluster. This file reads the command line, dispatches by verb and
// holds the verbs that change the cluster: apply/create -f, scale, delete, label, annotate, patch
// and `kubectl kruise rollout pause|resume`; `get` is get.ts, the reading verbs are readVerbs.ts.
//
// Output convention: stdout and stderr are the exact bytes kubectl writes, trailing newline
// included (a JSONPath template decides itself whether its output ends in one). Scenario steps
// record them without that final newline.
//
// `get -w`: startKubectl returns the first listing and a KubectlWatch that yields a row per later
// change; runKubectl (scenario steps, one-shot callers) prints the first listing only.
import type { Cluster } from '../sim/cluster';
import type { CloneSet, Pod } from '../sim/api/types';
import { StoreError } from '../sim/store';
import { ApplyError } from '../sim/apply';
import { readYamlDocument, splitYamlDocuments } from '../sim/api/goYaml';
import { tokenize, TokenizeError } from './tokenize';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch';
import { flag, namespaceFlag, parseFlags, UsageError, usageText, type FlagSpec } from './args';
import { getCommand, runGet } from './get';
import { startWatch, type KubectlWatch } from './watch';
import { TabWriter } from './tabwriter';
import { qualifiedSingular, resolveResource, type ResourceType } from './resources';
import { LookupError } from './lookup';
import { parseSelector, SelectorError, selectorMatchesLabels } from './selector';
import { kruiseRolloutReadVerbs, readVerbs, type KubectlResult, type VerbContext } from './readVerbs';

export type { KubectlResult, VerbContext } from './readVerbs';
export type { KubectlWatch } from './watch';

const ok = (stdout: string): KubectlResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string, exitCode = 1): KubectlResult => ({ exitCode, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n` });
const lines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');

const READ_VERBS = new Set(['describe', 'logs', 'explain', 'edit', 'rollout', 'top', 'events', 'version', 'api-resources']);

/** `clone/x` or `clone x y` → the resource and the names; undefined resource for an unknown word. */
function target(positional: readonly string[], verb: string): { word: string; resource: ResourceType | undefined; names: string[] } {
  if (positional.length === 0) throw new UsageError('You must provide one or more resources by argument or filename.', verb);
  const [first, ...rest] = positional;
  if (first.includes('/')) {
    const names: string[] = [];
    let word = '';
    for (const p of positional) {
      const slash = p.indexOf('/');
      if (slash < 0) throw new UsageError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'`);
      word = p.slice(0, slash);
      names.push(p.slice(slash + 1));
    }
    return { word, resource: resolveResource(word), names };
  }
  return { word: first, resource: resolveResource(first), names: rest };
}

const noType = (word: string) => fail(`error: the server doesn't have a resource type "${word}"`);

function serverError(e: unknown): string {
  if (e instanceof StoreError) return `Error from server (${e.reason}): ${e.message}\n`;
  if (e instanceof ApplyError) return `${e.message}\n`;
  throw e;
}

function notFound(e: unknown): KubectlResult {
  return fail(serverError(e));
}

// ---- apply / create -----------------------------------------------------------------------

export const FILE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  { name: 'dry-run', kind: 'string' },
  { name: 'validate', kind: 'string' },
  { name: 'save-config', kind: 'bool' },
  { name: 'record', kind: 'bool' },
];

/** The text of every -f argument, with the name kubectl uses for it in errors. */
function readFiles(ctx: VerbContext, files: readonly string[], verb: string): { name: string; text: string }[] {
  if (files.length === 0) throw new UsageError('must specify one of -f and -k', verb);
  return files.map((f) => {
    if (f === '-') {
      if (ctx.stdin === undefined) throw new UsageError('no objects passed to ' + verb);
      return { name: 'STDIN', text: ctx.stdin };
    }
    const text = ctx.readFile?.(f);
    if (text === undefined) throw new UsageError(`the path "${f}" does not exist`);
    return { name: f, text };
  });
}

function applyText(cluster: Cluster, name: string, text: string): KubectlResult {
  const outcome = cluster.apply(text);
  const rename = (s: string) => (name === 'STDIN' ? s : s.replaceAll('"STDIN"', JSON.stringify(name)));
  return { exitCode: outcome.ok ? 0 : 1, stdout: outcome.output ? `${outcome.output}\n` : '', stderr: outcome.error ? rename(`${outcome.error}\n`) : '' };
}

function apply(ctx: VerbContext, words: string[], verb: 'apply' | 'create'): KubectlResult {
  const p = parseFlags(words, FILE_FLAGS, verb);
  if (p.positional.length > 0 && verb === 'create') return fail(`error: unknown command "${p.positional[0]}" for "kubectl create"`);
  if (p.positional.length > 0) throw new UsageError(`Unexpected args: [${p.positional.join(' ')}]`, verb);
  const results = readFiles(ctx, flag.list(p, 'filename'), verb).map((f) => (verb === 'apply' ? applyText(ctx.cluster, f.name, f.text) : create(ctx.cluster, f.name, f.text)));
  return {
    exitCode: Math.max(0, ...results.map((r) => r.exitCode)),
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr).join(''),
  };
}

/** `create -f`: like apply for new objects; one that exists is an AlreadyExists error. */
function create(cluster: Cluster, name: string, text: string): KubectlResult {
  const { chunks, error } = splitYamlDocuments(text);
  if (error) return applyText(cluster, name, text);
  const fresh: string[] = [];
  const errors: string[] = [];
  for (const chunk of chunks) {
    let value: unknown;
    try {
      value = readYamlDocument(chunk).value;
    } catch {
      return applyText(cluster, name, text);
    }
    const doc = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    const resource = typeof doc?.kind === 'string' ? resolveResource(doc.kind) : undefined;
    const objName = doc?.metadata?.name;
    const ns = typeof doc?.metadata?.namespace === 'string' ? doc.metadata.namespace : 'default';
    if (resource && resource.kind !== 'Event' && typeof objName === 'string' && exists(cluster, resource, ns, objName)) {
      const plural = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
      errors.push(`Error from server (AlreadyExists): error when creating "${name}": ${plural} "${objName}" already exists\n`);
    } else if (value !== null) fresh.push(chunk.text);
  }
  if (errors.length === 0) return applyText(cluster, name, text);
  const r = fresh.length ? applyText(cluster, name, fresh.join('---\n')) : ok('');
  return { exitCode: 1, stdout: r.stdout, stderr: r.stderr + errors.join('') };
}

function exists(cluster: Cluster, resource: ResourceType, ns: string, name: string): boolean {
  if (resource.kind === 'Event') return false;
  return cluster.store.get(resource.kind, resource.namespaced ? ns : undefined, name) !== undefined;
}

// ---- scale --------------------------------------------------------------------------------

export const SCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'replicas', kind: 'int' },
  { name: 'current-replicas', kind: 'int' },
];

function scale(cluster: Cluster, words: string[]): KubectlResult {
  const p = parseFlags(words, SCALE_FLAGS, 'scale');
  const replicas = flag.int(p, 'replicas');
  if (replicas === undefined) return fail('error: required flag(s) "replicas" not set');
  if (replicas < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const { word, resource, names } = target(p.positional, 'scale');
  if (!resource) return noType(word);
  if (resource.kind !== 'CloneSet') return fail(`error: no scaler has been implemented for {"${resource.group}" "${resource.kind}"}`);
  if (names.length === 0) return fail('error: resource(s) were provided, but no name was specified');
  const out: string[] = [];
  try {
    for (const name of names) {
      cluster.scale(namespaceFlag(p), name, replicas);
      out.push(`cloneset.apps.kruise.io/${name} scaled`);
    }
  } catch (e) {
    return { ...notFound(e), stdout: lines(out) };
  }
  return ok(lines(out));
}

// ---- delete -------------------------------------------------------------------------------

export const DELETE_FLAGS: readonly FlagSpec[] = [
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'wait', kind: 'bool' },
  { name: 'now', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
  { name: 'ignore-not-found', kind: 'bool' },
];

function deleteCmd(cluster: Cluster, words: string[]): KubectlResult {
  const p = parseFlags(words, DELETE_FLAGS, 'delete');
  const { word, resource, names } = target(p.positional, 'delete');
  if (!resource) return noType(word);
  const selectorText = flag.str(p, 'selector');
  const all = flag.bool(p, 'all');
  if (names.length > 0 && (all || selectorText !== undefined)) return fail('error: name cannot be provided when a selector is specified');
  if (names.length === 0 && !all && selectorText === undefined) {
    return fail(`error: resource(s) were provided, but no name was specified`);
  }
  const kind = resource.kind;
  if (kind !== 'Pod' && kind !== 'CloneSet' && kind !== 'PersistentVolumeClaim') return fail(`error: deleting ${resource.plural} is not supported by this simulator`);
  const ns = namespaceFlag(p);
  let targets = names;
  if (names.length === 0) {
    let selector;
    try {
      selector = parseSelector(selectorText ?? '');
    } catch (e) {
      if (e instanceof SelectorError) return fail(`error: ${e.message}`);
      throw e;
    }
    targets = cluster.store
      .list(kind, ns)
      .filter((o) => selectorMatchesLabels(selector, o.metadata.labels))
      .map((o) => o.metadata.name)
      .sort();
    if (targets.length === 0) return { exitCode: 0, stdout: '', stderr: `No resources found\n` };
  }
  const out: string[] = [];
  const err: string[] = [];
  for (const name of targets) {
    try {
      if (kind === 'Pod') cluster.deletePod(ns, name);
      else if (kind === 'CloneSet') cluster.deleteCloneSet(ns, name);
      else cluster.deletePvc(ns, name);
      out.push(`${qualifiedSingular(resource)} "${name}" deleted`);
    } catch (e) {
      if (!(e instanceof StoreError && e.reason === 'NotFound' && flag.bool(p, 'ignore-not-found'))) err.push(serverError(e));
    }
  }
  return { exitCode: err.length ? 1 : 0, stdout: lines(out), stderr: err.join('') };
}

// ---- label / annotate ---------------------------------------------------------------------

export const META_FLAGS: readonly FlagSpec[] = [
  { name: 'overwrite', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'list', kind: 'bool' },
];

function metadataCommand(cluster: Cluster, words: string[], verb: 'label' | 'annotate'): KubectlResult {
  const p = parseFlags(words, META_FLAGS, verb);
  const isChange = (s: string) => s.includes('=') || (s.endsWith('-') && s.length > 1);
  // kubectl reads resources first, then changes: a resource after a change is refused up front.
  const firstChange = p.positional.findIndex(isChange);
  const late = firstChange < 0 ? undefined : p.positional.slice(firstChange).find((w) => !isChange(w));
  if (late !== undefined) return fail(`error: all resources must be specified before ${verb === 'label' ? 'label' : 'annotation'} changes: ${late}`);
  const first = p.positional[0] ?? '';
  const resourceWords = first.includes('/') ? p.positional.filter((w) => !isChange(w)) : [first, ...p.positional.slice(1).filter((w) => !isChange(w))];
  const { word, resource, names } = target(resourceWords.filter((w) => w !== ''), verb);
  if (!resource) return noType(word);
  const changes: Record<string, string | null> = {};
  for (const c of p.positional.filter(isChange)) {
    const eq = c.indexOf('=');
    if (eq < 0) changes[c.slice(0, -1)] = null;
    else changes[c.slice(0, eq)] = c.slice(eq + 1);
  }
  const what = verb === 'label' ? 'label' : 'annotation';
  if (Object.keys(changes).length === 0) return fail(`error: at least one ${what} update is required`);
  const ns = namespaceFlag(p);
  let targets = names;
  if (names.length === 0) {
    if (!flag.bool(p, 'all') && flag.str(p, 'selector') === undefined) return fail('error: resource(s) were provided, but no name was specified');
    let selector;
    try {
      selector = parseSelector(flag.str(p, 'selector') ?? '');
    } catch (e) {
      if (e instanceof SelectorError) return fail(`error: ${e.message}`);
      throw e;
    }
    const objects = resource.kind === 'Pod' ? cluster.store.list('Pod', ns) : resource.kind === 'CloneSet' ? cluster.store.list('CloneSet', ns) : [];
    targets = objects.filter((o) => selectorMatchesLabels(selector, o.metadata.labels)).map((o) => o.metadata.name);
  }
  if (resource.kind !== 'CloneSet' && resource.kind !== 'Pod') {
    return fail(`error: ${verb === 'label' ? 'labeling' : 'annotating'} ${resource.plural} is not supported by this simulator`);
  }
  const out: string[] = [];
  try {
    for (const name of targets) {
      const live = resource.kind === 'Pod' ? cluster.store.get('Pod', ns, name) : cluster.store.get('CloneSet', ns, name);
      if (!live) throw new StoreError('NotFound', `${resource.group ? `${resource.plural}.${resource.group}` : resource.plural} "${name}" not found`);
      const current = (verb === 'label' ? live.metadata.labels : live.metadata.annotations) ?? {};
      for (const [k, v] of Object.entries(changes)) {
        const old = current[k];
        if (v !== null && old !== undefined && old !== v && !flag.bool(p, 'overwrite')) {
          return { exitCode: 1, stdout: lines(out), stderr: `error: '${k}' already has a value (${old}), and --overwrite is false\n` };
        }
      }
      const next: Record<string, string> = { ...current };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      const unchanged = JSON.stringify(next) === JSON.stringify(current);
      const prefix = resource.kind === 'Pod' ? 'pod' : 'cloneset.apps.kruise.io';
      if (unchanged) {
        out.push(`${prefix}/${name} not ${verb === 'label' ? 'labeled' : 'annotated'}`);
        continue;
      }
      if (resource.kind === 'Pod' && verb === 'label') cluster.labelPod(ns, name, changes);
      else if (resource.kind === 'Pod') cluster.annotatePod(ns, name, changes);
      else cluster.updateCloneSet(ns, name, (cs) => ({ ...cs, metadata: { ...cs.metadata, [verb === 'label' ? 'labels' : 'annotations']: next } }));
      out.push(`${prefix}/${name} ${verb === 'label' ? 'labeled' : 'annotated'}`);
    }
  } catch (e) {
    return { exitCode: 1, stdout: lines(out), stderr: serverError(e) };
  }
  return ok(lines(out));
}

// ---- patch --------------------------------------------------------------------------------

export const PATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'patch', short: 'p', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'patch-file', kind: 'string' },
];

function patch(ctx: VerbContext, words: string[]): KubectlResult {
  const cluster = ctx.cluster;
  const p = parseFlags(words, PATCH_FLAGS, 'patch');
  const file = flag.str(p, 'patch-file');
  if (file !== undefined && flag.has(p, 'patch')) return fail('error: --patch and --patch-file cannot be specified together');
  const body = file !== undefined ? readFiles(ctx, [file], 'patch')[0].text : flag.str(p, 'patch');
  if (body === undefined) return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  const type = flag.str(p, 'type') ?? 'strategic';
  if (type !== 'merge' && type !== 'json' && type !== 'strategic') return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const { word, resource, names } = target(p.positional, 'patch');
  if (!resource) return noType(word);
  if (names.length === 0) return fail('error: resource(s) were provided, but no name was specified');
  if (resource.kind !== 'CloneSet' && resource.kind !== 'Pod') return fail(`error: patching ${resource.plural} is not supported by this simulator`);
  const doc = parsePatchBody(body);
  if (doc === undefined) return fail(`error: unable to parse "${body}": yaml: did not find expected node content`);
  const ns = namespaceFlag(p);
  const prefix = qualifiedSingular(resource);
  const out: string[] = [];
  try {
    for (const name of names) {
      if (resource.kind === 'Pod') {
        const before = cluster.store.get('Pod', ns, name);
        if (!before) throw new StoreError('NotFound', `pods "${name}" not found`);
        const patched = type === 'merge' ? applyMergePatch(before, doc) : type === 'json' ? applyJsonPatch(before, doc) : applyStrategicMergePatch(before, doc);
        const after = cluster.replacePod(ns, name, patched as Pod);
        out.push(`${prefix}/${name} ${after === before ? 'patched (no change)' : 'patched'}`);
        continue;
      }
      const before = cluster.store.get('CloneSet', ns, name);
      if (!before) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
      if (type === 'strategic') {
        // The API server has no strategic merge for custom resources; kubectl names the type it tried.
        return fail(
          'error: application/strategic-merge-patch+json is not supported by apps.kruise.io/v1alpha1, Kind=CloneSet: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
        );
      }
      const after = cluster.updateCloneSet(ns, name, (cs) => (type === 'merge' ? applyMergePatch(cs, doc) : applyJsonPatch(cs, doc)) as CloneSet);
      out.push(`${prefix}/${name} ${after === before ? 'patched (no change)' : 'patched'}`);
    }
  } catch (e) {
    if (e instanceof PatchError) return { exitCode: 1, stdout: lines(out), stderr: `Error from server (UnprocessableEntity): ${e.message}\n` };
    return { exitCode: 1, stdout: lines(out), stderr: serverError(e) };
  }
  return ok(lines(out));
}

/** kubectl reads -p as YAML (JSON being YAML) and sends it as JSON; undefined when it is neither. */
function parsePatchBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    try {
      const value = readYamlDocument({ text: body, firstLine: 1 }).value;
      return value === null || typeof value !== 'object' ? undefined : value;
    } catch {
      return undefined;
    }
  }
}

// ---- kubectl kruise rollout ---------------------------------------------------------------

function kruiseRollout(ctx: VerbContext, words: string[]): KubectlResult {
  const cluster = ctx.cluster;
  const [action, ...rest] = words;
  const readVerb = action === undefined ? undefined : kruiseRolloutReadVerbs[action];
  if (readVerb) return readVerb(ctx, rest);
  if (action === undefined) return fail('error: kubectl kruise rollout needs a subcommand: history, pause, resume, status or undo');
  if (action !== 'pause' && action !== 'resume') return fail(`error: unknown command "${action}" for "kubectl-kruise rollout"`);
  const p = parseFlags(rest, [], `kruise rollout ${action}`);
  const { word, resource, names } = target(p.positional, `kruise rollout ${action}`);
  if (!resource) return noType(word);
  if (resource.kind !== 'CloneSet') return fail(`error: ${resource.plural} "${names[0] ?? ''}" ${action === 'pause' ? 'pausing' : 'resuming'} is not supported`);
  const ns = namespaceFlag(p);
  const want = action === 'pause';
  const out: string[] = [];
  try {
    for (const name of names) {
      const cs = cluster.store.get('CloneSet', ns, name);
      if (!cs) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
      if ((cs.spec.updateStrategy?.paused ?? false) === want) return { exitCode: 1, stdout: lines(out), stderr: `error: clonesets.apps.kruise.io/${name} is already ${want ? 'paused' : 'resumed'}\n` };
      cluster.updateCloneSet(ns, name, (c) => ({ ...c, spec: { ...c.spec, updateStrategy: { ...c.spec.updateStrategy, paused: want } } }));
      out.push(`cloneset.apps.kruise.io/${name} ${want ? 'paused' : 'resumed'}`);
    }
  } catch (e) {
    return { exitCode: 1, stdout: lines(out), stderr: serverError(e) };
  }
  return ok(lines(out));
}

// ---- entry points -------------------------------------------------------------------------

type Options = Omit<VerbContext, 'cluster' | 'stdin'>;

function words(line: string): string[] | KubectlResult {
  let ws: string[];
  try {
    ws = tokenize(line);
  } catch (e) {
    if (e instanceof TokenizeError) return fail(`error: ${e.message}`, 2);
    throw e;
  }
  return ws[0] === 'kubectl' ? ws.slice(1) : ws;
}

function dispatch(ctx: VerbContext, verb: string | undefined, rest: string[]): KubectlResult {
  const cluster = ctx.cluster;
  switch (verb) {
    case undefined:
      return fail('error: no command given');
    case 'apply':
    case 'create':
      return apply(ctx, rest, verb);
    case 'get':
      return getCommand(cluster, rest).result;
    case 'scale':
      return scale(cluster, rest);
    case 'delete':
      return deleteCmd(cluster, rest);
    case 'label':
    case 'annotate':
      return metadataCommand(cluster, rest, verb);
    case 'patch':
      return patch(ctx, rest);
    case 'kruise':
      if (rest[0] === 'rollout') return kruiseRollout(ctx, rest.slice(1));
      return fail(`error: unknown command "${rest[0] ?? ''}" for "kubectl-kruise"`);
    default:
      if (Object.hasOwn(readVerbs, verb)) return readVerbs[verb](ctx, rest);
      if (READ_VERBS.has(verb)) return fail(`error: "kubectl ${verb}" is not supported by this simulator yet`);
      return fail(`error: unknown command "${verb}" for "kubectl"`);
  }
}

/** Turns anything a verb throws for bad input into kubectl's error text; never throws itself for input. */
function guarded(run: () => KubectlResult): KubectlResult {
  try {
    return run();
  } catch (e) {
    if (e instanceof UsageError) return { exitCode: 1, stdout: '', stderr: usageText(e) };
    if (e instanceof LookupError) return fail(e.message);
    if (e instanceof StoreError || e instanceof ApplyError) return fail(serverError(e));
    if (e instanceof RangeError) return fail('error: the command is too deeply nested to process');
    throw e;
  }
}

/** Runs one kubectl command line (with or without the leading `kubectl`). `stdin` feeds `-f -`. */
export function runKubectl(cluster: Cluster, line: string, stdin?: string, options: Options = {}): KubectlResult {
  const ws = words(line);
  if (!Array.isArray(ws)) return ws;
  const ctx: VerbContext = { ...options, cluster, stdin };
  return guarded(() => dispatch(ctx, ws[0], ws.slice(1)));
}

/**
 * Like runKubectl, but `get -w` / `--watch` / `--watch-only` also returns a watch that yields the
 * rows of later changes (see watch.ts). The caller polls it and stops it.
 */
export function startKubectl(cluster: Cluster, line: string, stdin?: string, options: Options = {}): KubectlResult & { watch?: KubectlWatch } {
  const ws = words(line);
  if (!Array.isArray(ws)) return ws;
  if (ws[0] !== 'get') return runKubectl(cluster, line, stdin, options);
  let watch: KubectlWatch | undefined;
  const result = guarded(() => {
    const { result: first, request } = getCommand(cluster, ws.slice(1));
    if (!request || request.watch === 'no') return first;
    const writer = new TabWriter();
    const initial = request.watch === 'watch' ? runGet(cluster, request, writer) : first;
    if (initial.exitCode === 0 || request.watch === 'watch-only') watch = startWatch(cluster, request, writer, initial.stdout !== '');
    return initial;
  });
  return watch ? { ...result, watch } : result;
}
