// `kubectl get`: resolve the resource words (`pods`, `po,clone`, `pod/x`), list or fetch the
// objects as the API server would (sorted by namespace and name, filtered by -l), then print them
// in the requested format. Human-readable output is kubectl's tables; other formats see the
// objects as API JSON, wrapped in a List unless one named object was asked for. `--watch` hands
// back a subscription that prints a row per change (watch.ts).
import type { Cluster } from '../sim/cluster';
import { apiObject, listObject, type JsonObject } from './apiObject';
import { flag, parseFlags, type FlagSpec, type ParsedArgs } from './args';
import { findValues, JsonPathError, parseJsonPath, relaxedJsonPath } from './jsonpath';
import { parseCustomColumns, printCustomColumns, printJsonPath, toJson, toYaml, type CustomColumn } from './printers/output';
import { printTable, type Printable, type TableContext, type TableOptions } from './printers/table';
import { qualifiedSingular, resolveResource, type ResourceType } from './resources';
import { listObjects, notFoundMessage, resolveTargets, type Target } from './lookup';
import { parseSelector, SelectorError, selectorMatchesLabels, type SelectorRequirement } from './selector';
import { TabWriter } from './tabwriter';
import type { KubectlResult } from './readVerbs';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'watch-only', kind: 'bool' },
  { name: 'label-columns', short: 'L', kind: 'stringArray' },
  { name: 'show-labels', kind: 'bool' },
  { name: 'sort-by', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'show-kind', kind: 'bool' },
  { name: 'allow-missing-template-keys', kind: 'bool' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'chunk-size', kind: 'int' },
];

const PRINTER_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** What the user asked to print. */
export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; columns: CustomColumn[] };

export class GetError extends Error {}

function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { kind: value };
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (name === 'jsonpath') {
    if (arg === '') throw new GetError('error: template format specified but no template given\n');
    try {
      parseJsonPath(arg);
    } catch (e) {
      if (e instanceof JsonPathError) throw new GetError(`error: error parsing jsonpath ${arg}, ${e.message}\n`);
      throw e;
    }
    return { kind: 'jsonpath', template: arg };
  }
  if (name === 'custom-columns') {
    try {
      return { kind: 'custom-columns', columns: parseCustomColumns(arg) };
    } catch (e) {
      throw new GetError(`error: ${(e as Error).message}\n`);
    }
  }
  if (['jsonpath-file', 'custom-columns-file', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath-as-json'].includes(name)) {
    throw new GetError(`error: -o ${name} is not supported by this simulator\n`);
  }
  throw new GetError(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${PRINTER_FORMATS}\n`);
}

export interface GetRequest {
  targets: Target[];
  singleItemImplied: boolean;
  namespace: string;
  allNamespaces: boolean;
  selector: SelectorRequirement[];
  format: OutputFormat;
  table: Omit<TableOptions, 'kindPrefix' | 'wide'>;
  sortBy?: string;
  allowMissingKeys: boolean;
  ignoreNotFound: boolean;
  watch: 'no' | 'watch' | 'watch-only';
  /** Names carry their kind (`pod/x`): several types asked for, `all`, or --show-kind. */
  printWithKind: boolean;
}

/** Reads get's words into a request; throws UsageError or GetError. */
export function parseGet(words: readonly string[]): GetRequest {
  const p: ParsedArgs = parseFlags(words, GET_FLAGS, 'get');
  const format = outputFormat(flag.str(p, 'output'));
  if (p.positional.length === 0) {
    throw new GetError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
  }
  const { targets, singleItemImplied, printWithKind } = resolveTargets(p.positional);
  let selector: SelectorRequirement[] = [];
  const selectorText = flag.str(p, 'selector');
  if (selectorText !== undefined) {
    try {
      selector = parseSelector(selectorText);
    } catch (e) {
      if (e instanceof SelectorError) throw new GetError(`error: ${e.message}\n`);
      throw e;
    }
    if (targets.some((t) => t.names.length > 0)) throw new GetError('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
  }
  let sortBy = flag.str(p, 'sort-by');
  if (sortBy !== undefined && sortBy !== '') {
    try {
      sortBy = relaxedJsonPath(sortBy);
      parseJsonPath(sortBy);
    } catch (e) {
      if (e instanceof JsonPathError) throw new GetError(`error: ${e.message}\n`);
      throw e;
    }
  }
  const allNamespaces = flag.bool(p, 'all-namespaces');
  return {
    targets,
    singleItemImplied,
    namespace: flag.str(p, 'namespace') || 'default',
    allNamespaces,
    selector,
    format,
    table: {
      noHeaders: flag.bool(p, 'no-headers'),
      withNamespace: allNamespaces,
      labelColumns: flag.list(p, 'label-columns').flatMap((l) => l.split(',')).filter((l) => l !== ''),
      showLabels: flag.bool(p, 'show-labels'),
    },
    sortBy: sortBy || undefined,
    allowMissingKeys: p.flags.has('allow-missing-template-keys') ? flag.bool(p, 'allow-missing-template-keys') : true,
    ignoreNotFound: flag.bool(p, 'ignore-not-found'),
    watch: flag.bool(p, 'watch-only') ? 'watch-only' : flag.bool(p, 'watch') ? 'watch' : 'no',
    printWithKind: printWithKind || flag.bool(p, 'show-kind'),
  };
}

/** Objects found per target, with NotFound errors for the names that are missing. */
export function fetchObjects(cluster: Cluster, req: GetRequest): { groups: { resource: ResourceType; objects: Printable[] }[]; errors: string[] } {
  const groups: { resource: ResourceType; objects: Printable[] }[] = [];
  const errors: string[] = [];
  for (const t of req.targets) {
    const scope = req.allNamespaces && t.names.length === 0 ? undefined : req.namespace;
    const all = listObjects(cluster, t.resource, scope);
    let objects: Printable[];
    if (t.names.length > 0) {
      objects = [];
      for (const name of t.names) {
        const found = all.find((o) => o.metadata.name === name);
        if (found) objects.push(found);
        else if (!req.ignoreNotFound) errors.push(`${notFoundMessage(t.resource, name)}\n`);
      }
    } else objects = all.filter((o) => selectorMatchesLabels(req.selector, o.metadata.labels));
    groups.push({ resource: t.resource, objects });
  }
  return { groups, errors };
}

/** Natural order of two strings (digit runs compare as numbers), as kubectl sorts text. */
function naturalLess(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}

/** --sort-by: a stable sort on the first value the path finds in each object. */
export function sortObjects<T extends Printable>(objects: T[], path: string): T[] {
  const keyed = objects.map((o) => ({ o, v: findValues(path, apiObject(o))[0] }));
  if (keyed.length > 0 && keyed.every((k) => k.v === undefined)) throw new GetError(`error: couldn't find any field with path "${path}" in the list of objects\n`);
  const rank = (v: unknown) => (v === undefined || v === null ? 0 : 1);
  keyed.sort((a, b) => {
    if (rank(a.v) !== rank(b.v)) return rank(a.v) - rank(b.v);
    if (typeof a.v === 'number' && typeof b.v === 'number') return a.v - b.v;
    return naturalLess(String(a.v), String(b.v));
  });
  return keyed.map((k) => k.o);
}

export function tableContext(cluster: Cluster): TableContext {
  return { now: cluster.now(), era: cluster.kruiseEra };
}

/** Prints objects in a non-table format (one object, or a List). */
export function printGeneric(req: GetRequest, objects: readonly Printable[], asList: boolean): KubectlResult {
  const items = objects.map(apiObject);
  const data: JsonObject = asList ? listObject(items) : items[0];
  switch (req.format.kind) {
    case 'yaml':
      return { exitCode: 0, stdout: toYaml(data), stderr: '' };
    case 'json':
      return { exitCode: 0, stdout: toJson(data), stderr: '' };
    case 'name':
      return { exitCode: 0, stdout: objects.map((o) => `${nameOf(o)}\n`).join(''), stderr: '' };
    case 'jsonpath': {
      const r = printJsonPath(req.format.template, data, req.allowMissingKeys);
      return 'out' in r ? { exitCode: 0, stdout: r.out, stderr: '' } : { exitCode: 1, stdout: '', stderr: r.error };
    }
    case 'custom-columns':
      return { exitCode: 0, stdout: printCustomColumns(req.format.columns, items, req.table.noHeaders), stderr: '' };
    case 'table':
      throw new Error('printGeneric: tables are printed by printTables');
  }
}

/** `pod/x`, `cloneset.apps.kruise.io/x`. */
export function nameOf(o: Printable): string {
  const r = resolveResource(o.kind) as ResourceType;
  return `${qualifiedSingular(r)}/${o.metadata.name}`;
}

function noResources(req: GetRequest): string {
  const clusterScoped = req.targets.every((t) => !t.resource.namespaced);
  return req.allNamespaces || clusterScoped ? 'No resources found\n' : `No resources found in ${req.namespace} namespace.\n`;
}

/** kubectl's human-readable output over several kinds: one table each, a blank line between. */
export function printTables(cluster: Cluster, req: GetRequest, groups: { resource: ResourceType; objects: Printable[] }[], writer: TabWriter): string {
  const wide = req.format.kind === 'table' && req.format.wide;
  const withKind = req.printWithKind;
  let out = '';
  let printed = 0;
  for (const g of groups) {
    if (g.objects.length === 0) continue;
    writer.resetWidths();
    if (printed > 0 && !req.table.noHeaders) out += '\n';
    const options: TableOptions = { ...req.table, wide, kindPrefix: withKind ? qualifiedSingular(g.resource) : undefined };
    out += printTable(g.resource.kind, g.objects, tableContext(cluster), options, writer);
    printed += g.objects.length;
  }
  return out;
}

/** Runs `kubectl get` once. `writer` keeps column widths for a watch that follows. */
export function runGet(cluster: Cluster, req: GetRequest, writer = new TabWriter()): KubectlResult {
  const { groups, errors } = fetchObjects(cluster, req);
  try {
    if (req.sortBy) for (const g of groups) g.objects = sortObjects(g.objects, req.sortBy);
  } catch (e) {
    if (e instanceof GetError) return { exitCode: 1, stdout: '', stderr: e.message };
    throw e;
  }
  const objects = groups.flatMap((g) => g.objects);
  const stderr = errors.join('');
  const exitCode = errors.length > 0 ? 1 : 0;
  if (req.format.kind !== 'table') {
    if (req.singleItemImplied && objects.length === 0) return { exitCode, stdout: '', stderr };
    if (objects.length === 0 && req.ignoreNotFound) return { exitCode, stdout: '', stderr };
    const r = printGeneric(req, objects, !(req.singleItemImplied && objects.length === 1));
    return { exitCode: Math.max(exitCode, r.exitCode), stdout: r.stdout, stderr: r.stderr + stderr };
  }
  if (objects.length === 0) {
    const none = errors.length === 0 && !req.ignoreNotFound && req.watch !== 'watch-only' ? noResources(req) : '';
    return { exitCode, stdout: '', stderr: none + stderr };
  }
  return { exitCode, stdout: printTables(cluster, req, groups, writer), stderr };
}

/** The `get` verb's entry point for a command line's words. */
export function getCommand(cluster: Cluster, words: readonly string[]): { result: KubectlResult; request?: GetRequest } {
  let req: GetRequest;
  try {
    req = parseGet(words);
  } catch (e) {
    if (e instanceof GetError) return { result: { exitCode: 1, stdout: '', stderr: e.message } };
    throw e;
  }
  if (req.watch === 'watch-only') return { result: { exitCode: 0, stdout: '', stderr: '' }, request: req };
  return { result: runGet(cluster, req), request: req };
}
