// `kubectl describe TYPE [NAME_PREFIX…] | TYPE/NAME… [-l selector] [-n ns] [--show-events=false]`:
// finds the objects as kubectl's resource builder does (a name that matches nothing exactly is
// taken as a prefix, as describe does), then hands each to its describer. Also the lookups the
// other reading verbs share.
import type { Cluster } from '../sim/cluster';
import { flag, namespaceFlag, parseFlags, type FlagSpec } from './args';
import type { KubectlResult, VerbContext } from './readVerbs';
import type { ResourceType } from './resources';
import { listObjects, notFoundMessage, resolveTargets, type AnyObject } from './lookup';
import { parseSelector, SelectorError, selectorMatchesLabels, type SelectorRequirement } from './selector';
import { describePod } from './describePod';
import { describeCloneSet } from './describeCloneSet';
import { describeNode, describePvc } from './describeNodePvc';
import { PrefixWriter } from './describeWriter';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent } from './describeCommon';
import { apiJsonOf } from './apiObject';

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

export const DESCRIBE_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'show-events', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
];

function describeOne(cluster: Cluster, r: ResourceType, obj: AnyObject, showEvents: boolean): string {
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
  const p = parseFlags(words, DESCRIBE_FLAGS, 'describe');
  if (p.positional.length === 0) {
    return fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const namespace = namespaceFlag(p);
  const allNamespaces = flag.bool(p, 'all-namespaces');
  let selector: SelectorRequirement[];
  try {
    selector = parseSelector(flag.str(p, 'selector') ?? '');
  } catch (e) {
    if (e instanceof SelectorError) return fail(`error: ${e.message}`);
    throw e;
  }
  const { targets } = resolveTargets(p.positional);
  const showEvents = !flag.has(p, 'show-events') || flag.bool(p, 'show-events');
  const out: string[] = [];
  const errors: string[] = [];
  for (const { resource, names } of targets) {
    const pool = listObjects(ctx.cluster, resource, allNamespaces ? undefined : namespace);
    const matching = pool.filter((o) => selectorMatchesLabels(selector, o.metadata.labels));
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
