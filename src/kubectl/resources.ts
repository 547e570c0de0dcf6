// The resource types the simulated API server serves, as kubectl's RESTMapper sees them: plural,
// singular and short names, group, and the names kubectl prints (`pod/x`, `cloneset.apps.kruise.io/x`)
// and the API server uses in errors (`pods "x" not found`), and what discovery says of each
// (`api-resources`). Parsing, api-resources, explain, describe and completion all read this table.

export type ResourceKind = 'Pod' | 'CloneSet' | 'PersistentVolumeClaim' | 'Node' | 'ControllerRevision' | 'Event';

export interface ResourceType {
  kind: ResourceKind;
  plural: string;
  singular: string;
  /** kubectl's short names (kruise's CRD: `clone`). */
  shortNames: readonly string[];
  /** API group, '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** The verbs discovery lists (`api-resources -o wide`). */
  verbs: readonly string[];
  /** Discovery categories: `all` for pods (kruise's CRD declares none for clonesets). */
  categories: readonly string[];
}

const VERBS_SERVED = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** In discovery order (what `api-resources` lists): the core group, then apps, then kruise's group. */
export const RESOURCES: readonly ResourceType[] = [
  { kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true, verbs: VERBS_SERVED, categories: [] },
  { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false, verbs: VERBS_SERVED, categories: [] },
  { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], group: '', version: 'v1', namespaced: true, verbs: VERBS_SERVED, categories: [] },
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true, verbs: VERBS_SERVED, categories: ['all'] },
  { kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], group: 'apps', version: 'v1', namespaced: true, verbs: VERBS_SERVED, categories: [] },
  { kind: 'CloneSet', plural: 'clonesets', singular: 'cloneset', shortNames: ['clone'], group: 'apps.kruise.io', version: 'v1alpha1', namespaced: true, verbs: VERBS_SERVED, categories: [] },
];

export const resourceOf = (kind: ResourceKind): ResourceType => RESOURCES.find((r) => r.kind === kind) as ResourceType;

/** `pods`, `clonesets.apps.kruise.io`: the resource as the API server names it in errors. */
export const qualifiedPlural = (r: ResourceType): string => (r.group ? `${r.plural}.${r.group}` : r.plural);

/** `pod`, `cloneset.apps.kruise.io`: the prefix of `-o name` and of `created`/`deleted` lines. */
export const qualifiedSingular = (r: ResourceType): string => (r.group ? `${r.singular}.${r.group}` : r.singular);

/** `apps.kruise.io/v1alpha1` or `v1`. */
export const apiVersionOf = (r: ResourceType): string => (r.group ? `${r.group}/${r.version}` : r.version);

/**
 * A resource word as kubectl resolves it (case-insensitive): plural, singular, short name or
 * kind, optionally qualified by group (`clonesets.apps.kruise.io`) or version and group
 * (`clonesets.v1alpha1.apps.kruise.io`). Undefined for a word the server does not know.
 */
export function resolveResource(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  for (const r of RESOURCES) {
    const names = [r.plural, r.singular, ...r.shortNames];
    if (names.includes(w)) return r;
    for (const n of [r.plural, r.singular]) {
      if (r.group && (w === `${n}.${r.group}` || w === `${n}.${r.version}.${r.group}`)) return r;
      if (!r.group && w === `${n}.${r.version}`) return r;
    }
  }
  return undefined;
}

/** Every word kubectl accepts for a resource type that a shell offers: plural, singular, short names. */
export const typeWords = (r: ResourceType): string[] => [r.plural, r.singular, ...r.shortNames];
