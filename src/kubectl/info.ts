// What the simulated API server answers about itself: `kubectl api-resources` (the table in
// resources.ts, in discovery order) and `kubectl version`.
import type { KubectlResult, VerbContext } from './readVerbs';
import { flag, parseFlags, type FlagSpec } from './args';
import { apiVersionOf, qualifiedPlural, RESOURCES } from './resources';
import { tabulate } from './tabwriter';
import { toYaml } from './printers/output';
import type { Json } from './apiObject';

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

export const VERSION_FLAGS: readonly FlagSpec[] = [
  { name: 'client', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
];

/** `kubectl version [--client] [-o json|yaml]`. */
export function version(_ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, VERSION_FLAGS, 'version');
  if (p.positional.length > 0) return fail(`error: unknown command "${p.positional[0]}" for "kubectl version"`);
  const output = flag.str(p, 'output') ?? '';
  const clientOnly = flag.bool(p, 'client');
  if (output === 'json' || output === 'yaml') {
    const doc: Record<string, unknown> = { clientVersion: versionInfo(CLIENT_GIT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly) doc.serverVersion = versionInfo(SERVER_GIT_VERSION);
    // JSON in the struct's field order with a two-space indent; YAML through sigs.k8s.io/yaml, so sorted.
    if (output === 'json') return ok(JSON.stringify(doc, null, 2));
    return ok(toYaml(doc as Json));
  }
  if (output !== '') return fail('error: --output must be \'yaml\' or \'json\'');
  const lines = [`Client Version: ${CLIENT_GIT_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
  if (!clientOnly) lines.push(`Server Version: ${SERVER_GIT_VERSION}`);
  return ok(lines.join('\n'));
}

export const API_RESOURCES_FLAGS: readonly FlagSpec[] = [
  { name: 'namespaced', kind: 'bool' },
  { name: 'api-group', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'verbs', kind: 'string' },
];

/** `kubectl api-resources [--namespaced=bool] [--api-group=G] [-o wide|name] [--no-headers]`. */
export function apiResources(_ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, API_RESOURCES_FLAGS, 'api-resources');
  if (p.positional.length > 0) return fail(`error: unexpected arguments: [${p.positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const output = flag.str(p, 'output') ?? '';
  if (!['', 'wide', 'name'].includes(output)) return fail(`error: --output ${output} is not available`);
  let list = [...RESOURCES];
  if (flag.has(p, 'namespaced')) list = list.filter((r) => r.namespaced === flag.bool(p, 'namespaced'));
  const group = flag.str(p, 'api-group');
  if (group !== undefined) list = list.filter((r) => r.group === group);
  const verbs = flag.str(p, 'verbs');
  if (verbs) list = list.filter((r) => verbs.split(',').every((v) => r.verbs.includes(v)));
  if (output === 'name') return ok(list.map(qualifiedPlural).join('\n'));
  const rows: string[][] = [];
  if (!flag.bool(p, 'no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
  for (const r of list) {
    const wide = output === 'wide' ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : [];
    rows.push([r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind, ...wide]);
  }
  return ok(tabulate(rows).replace(/\n$/, ''));
}
