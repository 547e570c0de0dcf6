// What the simulated API server serves and which versions answer: the resource table behind
// `kubectl api-resources` (and behind resolving `po`, `clone`, `clonesets.apps.kruise.io`, …),
// and `kubectl version`.
import { parseFlags, type KubectlResult, type VerbContext } from './readVerbs';
import { tabwrite, TABLE_TABWRITER } from './describeWriter';

export interface ResourceInfo {
  /** Plural resource name, as `api-resources` lists it. */
  name: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  namespaced: boolean;
  kind: 'Pod' | 'Node' | 'PersistentVolumeClaim' | 'Event' | 'ControllerRevision' | 'CloneSet';
  verbs: string[];
}

const CORE_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** In discovery order: the core group, then apps, then kruise's group. */
export const RESOURCES: readonly ResourceInfo[] = [
  { name: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true, kind: 'Event', verbs: CORE_VERBS },
  { name: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false, kind: 'Node', verbs: CORE_VERBS },
  { name: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], group: '', version: 'v1', namespaced: true, kind: 'PersistentVolumeClaim', verbs: CORE_VERBS },
  { name: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true, kind: 'Pod', verbs: CORE_VERBS },
  { name: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], group: 'apps', version: 'v1', namespaced: true, kind: 'ControllerRevision', verbs: CORE_VERBS },
  { name: 'clonesets', singular: 'cloneset', shortNames: ['clone'], group: 'apps.kruise.io', version: 'v1alpha1', namespaced: true, kind: 'CloneSet', verbs: CORE_VERBS },
];

export const apiVersionOf = (r: ResourceInfo): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** Every word that names the resource: plural, singular, short names, `name.group`, `name.version.group`, kind. */
export function resourceWords(r: ResourceInfo): string[] {
  const base = [r.name, r.singular, ...r.shortNames, r.kind.toLowerCase()];
  if (!r.group) return [...new Set(base)];
  return [...new Set([...base, `${r.name}.${r.group}`, `${r.singular}.${r.group}`, `${r.name}.${r.version}.${r.group}`])];
}

/** The resource a word names (case-insensitive), or undefined. */
export function findResource(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase();
  return RESOURCES.find((r) => resourceWords(r).includes(w));
}

/** `pods`, `clonesets.apps.kruise.io`: the qualified plural used in API errors and `-o name`. */
export const qualifiedName = (r: ResourceInfo): string => (r.group ? `${r.name}.${r.group}` : r.name);

export const CLIENT_GIT_VERSION = 'v1.30.2';
export const KUSTOMIZE_VERSION = 'v5.0.4-0.20230601165947-6ce0bf390ce3';
export const SERVER_GIT_VERSION = 'v1.30.2';

const ok = (stdout: string): KubectlResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

function versionInfo(gitVersion: string) {
  const [major, minor] = gitVersion.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed',
    gitTreeState: 'clean',
    buildDate: '2024-06-11T20:21:00Z',
    goVersion: 'go1.22.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `kubectl version [--client] [-o json|yaml]`. */
export function version(_ctx: VerbContext, words: string[]): KubectlResult {
  const { positional, values, bools } = parseFlags(words, { '--client': 'bool', '--output': 'value', '-o': 'value' });
  if (positional.length > 0) return fail(`error: unknown command "${positional[0]}" for "kubectl version"`);
  const output = values.get('--output') ?? values.get('-o') ?? '';
  const clientOnly = bools.get('--client') === true;
  if (output === 'json' || output === 'yaml') {
    const doc: Record<string, unknown> = { clientVersion: versionInfo(CLIENT_GIT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly) doc.serverVersion = versionInfo(SERVER_GIT_VERSION);
    if (output === 'json') return ok(JSON.stringify(doc, null, 2));
    const yamlOf = (o: Record<string, unknown>, indent: string): string =>
      Object.entries(o)
        .map(([k, v]) => (typeof v === 'object' && v !== null ? `${indent}${k}:\n${yamlOf(v as Record<string, unknown>, indent + '  ')}` : `${indent}${k}: ${/^\d+$/.test(String(v)) ? `"${v}"` : v}`))
        .join('\n');
    return ok(yamlOf(doc, ''));
  }
  if (output !== '') return fail('error: --output must be \'yaml\' or \'json\'');
  const lines = [`Client Version: ${CLIENT_GIT_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
  if (!clientOnly) lines.push(`Server Version: ${SERVER_GIT_VERSION}`);
  return ok(lines.join('\n'));
}

/** `kubectl api-resources [--namespaced=bool] [--api-group=G] [-o wide|name] [--no-headers]`. */
export function apiResources(_ctx: VerbContext, words: string[]): KubectlResult {
  const { positional, values, bools } = parseFlags(words, { '--namespaced': 'bool', '--api-group': 'value', '--output': 'value', '-o': 'value', '--no-headers': 'bool', '--verbs': 'value' });
  if (positional.length > 0) return fail(`error: unexpected arguments: [${positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const output = values.get('--output') ?? values.get('-o') ?? '';
  if (!['', 'wide', 'name'].includes(output)) return fail(`error: --output ${output} is not available`);
  let list = [...RESOURCES];
  const namespaced = bools.get('--namespaced');
  if (namespaced !== undefined) list = list.filter((r) => r.namespaced === namespaced);
  const group = values.get('--api-group');
  if (group !== undefined) list = list.filter((r) => r.group === group);
  const verbs = values.get('--verbs');
  if (verbs) list = list.filter((r) => verbs.split(',').every((v) => r.verbs.includes(v)));
  if (output === 'name') return ok(list.map(qualifiedName).join('\n'));
  const rows: string[] = [];
  if (bools.get('--no-headers') !== true) rows.push(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${output === 'wide' ? '\tVERBS\tCATEGORIES' : ''}`);
  for (const r of list) {
    const wide = output === 'wide' ? `\t[${r.verbs.join(' ')}]\t${r.kind === 'Pod' || r.kind === 'CloneSet' ? 'all' : ''}` : '';
    rows.push(`${r.name}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}${wide}`);
  }
  return ok(tabwrite(rows.join('\n') + '\n', TABLE_TABWRITER).replace(/\n$/, ''));
}
