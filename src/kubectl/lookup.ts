// Finding what a command line names, as kubectl's resource builder does: resource words
// (`pods`, `po,clone`, `pod/x clone/y`, `all`) into resource types and names, the objects of a
// type as the API server lists them, and the API server's NotFound sentence. Every verb that
// names objects reads them through here.
import type { KubeEvent } from '../sim/api/types';
import type { Cluster } from '../sim/cluster';
import type { StoredKind, StoredObject } from '../sim/store';
import { qualifiedPlural, resolveResource, type ResourceType } from './resources';

export type AnyObject = StoredObject | KubeEvent;

/** A command line that names nothing the server serves; `message` is kubectl's whole line (`error: …`). run.ts prints it. */
export class LookupError extends Error {}

/** One resource type and the names asked for (none: all of them). */
export interface Target {
  resource: ResourceType;
  names: string[];
}

export interface Targets {
  targets: Target[];
  /** One `TYPE NAME` or `TYPE/NAME`: printers show the object itself rather than a List. */
  singleItemImplied: boolean;
  /** Several types (or `all`) were asked for: names carry their kind (`pod/x`). */
  printWithKind: boolean;
}

const SEPARATE_TYPE =
  "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/** The type of a resource word; `all` is the `all` category (pods here). */
function typesOf(word: string): ResourceType[] {
  if (word.toLowerCase() === 'all') return [resolveResource('pods') as ResourceType];
  const r = resolveResource(word);
  if (!r) throw new LookupError(`error: the server doesn't have a resource type "${word}"`);
  return [r];
}

/** `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…` (positional words, at least one). Throws LookupError. */
export function resolveTargets(positional: readonly string[]): Targets {
  if (positional[0].includes('/')) {
    const targets: Target[] = [];
    for (const p of positional) {
      const slash = p.indexOf('/');
      if (slash < 0) throw new LookupError(SEPARATE_TYPE);
      const name = p.slice(slash + 1);
      if (name === '') throw new LookupError('error: arguments in resource/name form must have a single resource and name');
      const [resource] = typesOf(p.slice(0, slash));
      const existing = targets.find((t) => t.resource === resource);
      if (existing) existing.names.push(name);
      else targets.push({ resource, names: [name] });
    }
    return { targets, singleItemImplied: positional.length === 1, printWithKind: targets.length > 1 };
  }
  const words = positional[0].split(',');
  if (words.some((w) => w === '')) throw new LookupError(`error: the server doesn't have a resource type ""`);
  const resources: ResourceType[] = [];
  for (const w of words) for (const r of typesOf(w)) if (!resources.includes(r)) resources.push(r);
  const names = positional.slice(1);
  if (names.some((n) => n.includes('/'))) throw new LookupError(SEPARATE_TYPE);
  return {
    targets: resources.map((resource) => ({ resource, names: [...names] })),
    singleItemImplied: resources.length === 1 && names.length === 1,
    printWithKind: words.length > 1 || words.some((w) => w.toLowerCase() === 'all'),
  };
}

const byNamespaceAndName = (a: AnyObject, b: AnyObject): number =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** Every object of a type in a namespace (undefined: all namespaces), sorted as the API server lists them. */
export function listObjects(cluster: Cluster, resource: ResourceType, namespace: string | undefined): AnyObject[] {
  let objects: AnyObject[] = resource.kind === 'Event' ? cluster.eventList() : cluster.store.list(resource.kind as StoredKind);
  if (resource.namespaced && namespace !== undefined) objects = objects.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
  return [...objects].sort(byNamespaceAndName);
}

/** `Error from server (NotFound): pods "x" not found` (no newline). */
export const notFoundMessage = (r: ResourceType, name: string): string => `Error from server (NotFound): ${qualifiedPlural(r)} "${name}" not found`;
