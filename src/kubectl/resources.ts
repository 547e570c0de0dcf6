// The resource types the simulated API server serves, as kubectl's RESTMapper sees them: plural,
// singular and short names, group, and the names kubectl prints (`pod/x`, `cloneset.apps.kruise.io/x`)
// and the API server uses in errors (`pods "x" not found`). Also the word lists a shell needs
// for tab completion.

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
}

export const RESOURCES: readonly ResourceType[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true },
  { kind: 'CloneSet', plural: 'clonesets', singular: 'cloneset', shortNames: ['clone'], group: 'apps.kruise.io', version: 'v1alpha1', namespaced: true },
  { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], group: '', version: 'v1', namespaced: true },
  { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false },
  { kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true },
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

/**
 * What a shell completes, one entry per resource type: `names` are every word kubectl accepts
 * for it (plural first), `kind` its Kind. Verbs lists kubectl's verbs the simulator answers, and
 * VERB_FLAGS each verb's long flags (with their `--`), global flags included.
 */
export const RESOURCE_TYPES: readonly { kind: ResourceKind; names: readonly string[] }[] = RESOURCES.map((r) => ({
  kind: r.kind,
  names: [r.plural, r.singular, ...r.shortNames, ...(r.group ? [`${r.plural}.${r.group}`] : [])],
}));

const GLOBAL = ['--namespace', '--context', '--cluster', '--kubeconfig', '--request-timeout'];

export const VERB_FLAGS: Readonly<Record<string, readonly string[]>> = {
  get: [
    '--output',
    '--selector',
    '--all-namespaces',
    '--watch',
    '--watch-only',
    '--label-columns',
    '--show-labels',
    '--sort-by',
    '--no-headers',
    '--show-kind',
    '--allow-missing-template-keys',
    '--ignore-not-found',
    '--chunk-size',
    ...GLOBAL,
  ],
  apply: ['--filename', '--dry-run', ...GLOBAL],
  create: ['--filename', '--dry-run', ...GLOBAL],
  delete: ['--all', '--selector', '--filename', '--wait', '--now', '--grace-period', '--force', '--ignore-not-found', ...GLOBAL],
  scale: ['--replicas', ...GLOBAL],
  label: ['--overwrite', '--all', '--selector', '--list', ...GLOBAL],
  annotate: ['--overwrite', '--all', '--selector', '--list', ...GLOBAL],
  patch: ['--patch', '--type', ...GLOBAL],
};

export const VERBS: readonly string[] = Object.keys(VERB_FLAGS);
