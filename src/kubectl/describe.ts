// `kubectl describe TYPE [NAME_PREFIX…] | TYPE/NAME… [-l selector] [-n ns] [--show-events=false]`:
// finds the objects as kubectl's resource builder does (a name that matches nothing exactly is
// taken as a prefix, as describe does), then hands each to its describer. Also the lookups the
// other reading verbs share.
import type { Cluster } from '../sim/cluster';
import type { KubeEvent } from '../sim/api/types';
import type { StoredKind, StoredObject } from '../sim/store';
import { NAMESPACE_FLAGS, namespaceFlag, parseFlags, type KubectlResult, type VerbContext } from './readVerbs';
import { findResource, qualifiedName, type ResourceInfo } from './info';
import { parseLabelSelector } from './describeSelector';
import { describePod } from './describePod';
import { describeCloneSet } from './describeCloneSet';
import { describeNode, describePvc } from './describeNodePvc';
import { eventsFor } from './describeCommon';
import { PrefixWriter } from './describeWriter';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent } from './describeCommon';
import { apiJsonOf } from './describeApiJson';

export type AnyObject = StoredObject | KubeEvent;

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

export class LookupError extends Error {}

/** `TYPE NAME…` or `TYPE/NAME…` → [resource, names] pairs (no names: every object of the type). */
export function targetsOf(positional: readonly string[]): { resource: ResourceInfo; names: string[] }[] {
  const [first, ...rest] = positional;
  if (!first.includes('/') && rest.length > 0 && rest.every((p) => p.includes('/'))) {
    throw new LookupError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
  }
  if (first.includes('/')) {
    if (positional.some((p) => !p.includes('/'))) {
      throw new LookupError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
    }
    return positional.map((p) => {
      const slash = p.indexOf('/');
      const resource = findResource(p.slice(0, slash));
      if (!resource) throw new LookupError(`error: the server doesn't have a resource type "${p.slice(0, slash)}"`);
      if (p.slice(slash + 1) === '') throw new LookupError(`error: arguments in resource/name form must have a single resource and name`);
      return { resource, names: [p.slice(slash + 1)] };
    });
  }
  return first.split(',').map((word) => {
    const resource = findResource(word);
    if (!resource) throw new LookupError(`error: the server doesn't have a resource type "${word}"`);
    return { resource, names: rest };
  });
}

/** The objects of a resource in a namespace (all of them for cluster-scoped kinds). */
export function objectsOf(cluster: Cluster, r: ResourceInfo, namespace: string): AnyObject[] {
  if (r.kind === 'Event') return cluster.eventList().filter((e) => (e.metadata.namespace ?? 'default') === namespace);
  return r.namespaced ? cluster.store.list(r.kind as StoredKind, namespace) : cluster.store.list(r.kind as StoredKind);
}

/** `Error from server (NotFound): pods "x" not found`. */
export const notFoundMessage = (r: ResourceInfo, name: string): string => `Error from server (NotFound): ${qualifiedName(r)} "${name}" not found`;

function describeOne(cluster: Cluster, r: ResourceInfo, obj: AnyObject, showEvents: boolean): string {
  const now = cluster.now();
  const all = showEvents ? cluster.eventList() : [];
  const events = (kind: string | undefined) => (showEvents ? eventsFor(all, kind, obj.metadata.name, obj.metadata.namespace ?? (r.namespaced ? 'default' : undefined)) : undefined);
  switch (obj.kind) {
    case 'Pod':
      return describePod(obj, events(undefined), now);
    case 'CloneSet':
      return describeCloneSet(obj, events('CloneSet'), now);
    case 'PersistentVolumeClaim':
      return describePvc(obj, cluster.store.list('Pod', obj.metadata.namespace), events('PersistentVolumeClaim'), now);
    case 'Node':
      return describeNode(obj, cluster.store.list('Pod'), events('Node'), now);
    default: {
      const w = new PrefixWriter();
      w.write(0, `Name:\t${obj.metadata.name}\n`);
      w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
      printLabelsMultiline(w, 'Labels', obj.metadata.labels);
      printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
      printUnstructuredContent(w, 0, apiJsonOf(obj) as Record<string, unknown>, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
      if (obj.kind !== 'Event') describeEvents(w, events(obj.kind), now);
      return w.toString();
    }
  }
}

export function describe(ctx: VerbContext, words: string[]): KubectlResult {
  const flags = parseFlags(words, { ...NAMESPACE_FLAGS, '-l': 'value', '--selector': 'value', '--show-events': 'bool', '-A': 'bool', '--all-namespaces': 'bool' });
  if (flags.positional.length === 0) {
    return fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const namespace = namespaceFlag(flags);
  const allNamespaces = flags.bools.get('-A') === true || flags.bools.get('--all-namespaces') === true;
  const selectorText = flags.values.get('-l') ?? flags.values.get('--selector');
  const selector = parseLabelSelector(selectorText ?? '');
  if ('error' in selector) return fail(selector.error);
  let targets;
  try {
    targets = targetsOf(flags.positional);
  } catch (e) {
    if (e instanceof LookupError) return fail(e.message);
    throw e;
  }
  const showEvents = flags.bools.get('--show-events') !== false;
  const out: string[] = [];
  const errors: string[] = [];
  for (const { resource, names } of targets) {
    const pool = allNamespaces ? namespacesOf(ctx.cluster).flatMap((ns) => objectsOf(ctx.cluster, resource, ns)) : objectsOf(ctx.cluster, resource, namespace);
    const matching = pool.filter((o) => selector(o.metadata.labels));
    if (names.length === 0) {
      out.push(...matching.map((o) => describeOne(ctx.cluster, resource, o, showEvents)));
      continue;
    }
    for (const name of names) {
      const exact = pool.find((o) => o.metadata.name === name);
      const found = exact ? [exact] : matching.filter((o) => o.metadata.name.startsWith(name));
      if (found.length === 0) errors.push(notFoundMessage(resource, name));
      out.push(...found.map((o) => describeOne(ctx.cluster, resource, o, showEvents)));
    }
  }
  if (out.length === 0 && errors.length === 0) {
    errors.push(allNamespaces ? 'No resources found' : `No resources found in ${namespace} namespace.`);
    return { exitCode: 0, stdout: '', stderr: errors.join('\n') };
  }
  return { exitCode: errors.length ? 1 : 0, stdout: out.join('\n\n').replace(/\n$/, ''), stderr: errors.join('\n') };
}

function namespacesOf(cluster: Cluster): string[] {
  const set = new Set<string>(['default']);
  for (const kind of ['Pod', 'CloneSet', 'PersistentVolumeClaim', 'ControllerRevision'] as const) for (const o of cluster.store.list(kind)) set.add(o.metadata.namespace ?? 'default');
  return [...set].sort();
}
