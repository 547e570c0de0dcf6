// What `kubectl apply -f -` and the API server do with the text a learner types, up to the point
// where the cluster applies objects (defaulting, the validating webhook and storage are the
// cluster's). Stages, in kubectl's and the API server's order:
// 1. kubectl reads the stream (goYaml.ts / jsonStream.ts). A syntax error stops the reading:
//    documents before it are still applied.
// 2. kubectl's client-side check of apiVersion and kind (also stops the reading), then its REST
//    mapping: a kind this cluster does not serve is refused, the other documents go on.
// 3. kubectl apply's own checks: no generateName, a name is required.
// 4. The API server decodes the object. A CloneSet is a custom resource: its metadata is decoded
//    into ObjectMeta (type errors refused) and its unknown fields are found by pruning against the
//    CRD schema (strict field validation refuses them); spec.template and volumeClaimTemplates are
//    schemaless in kruise's CRD, so nothing below them is checked here. Pods and PVCs are decoded
//    strictly into their Go types.
// 5. kruise's mutating webhook (mcloneset.kb.io) decodes the CloneSet into its Go type: this is
//    where a wrong type anywhere in the spec (`replicas: "five"`, `containers: {}`) is refused,
//    and where fields the pod template does not know are silently dropped (reported here as
//    notices). Its defaults are the cluster's job (defaults.ts).
// Every problem carries kubectl's exact output line and, when it can be found, the line and column
// of the offending field in the input.
import { lineOf, lineStarts } from './textLines';
import type { CloneSet, PersistentVolumeClaim, Pod } from './types';
import type { JsonValue } from './goJson';
import { readYamlDocument, splitYamlDocuments, utf8Length, YAML_LIMITS, YamlReadError, type YamlDocument, type YamlLocation } from './goYaml';
import { readJsonStream, JsonStreamError } from './jsonStream';
import { goDecode, goType, prunedFields, type DecodeProblem, type UnknownField } from './goDecode';

export type ManifestObject = CloneSet | Pod | PersistentVolumeClaim;

export type ManifestStage = 'parse' | 'client' | 'server';

export interface ManifestProblem {
  /** What kubectl prints on stderr when this is its only error. */
  message: string;
  /** The same without kubectl's `error: ` prefix, as it lists one error among several. */
  text: string;
  stage: ManifestStage;
  /** 0-based index of the document (in reading order), when the problem belongs to one. */
  document?: number;
  /** 1-based line and column of the offending text. */
  line?: number;
  column?: number;
}

/** Something accepted but not kept: a field the webhook drops from a CloneSet's pod template. */
export interface ManifestNotice {
  message: string;
  document: number;
  line?: number;
  column?: number;
}

export interface ManifestDocument {
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  /** The object as the API server will hold it before defaulting: typed, namespace defaulted. */
  object: ManifestObject;
  /** The object exactly as kubectl sends it (for the last-applied annotation and the merge). */
  raw: Record<string, JsonValue>;
}

export interface ManifestResult {
  documents: ManifestDocument[];
  problems: ManifestProblem[];
  notices: ManifestNotice[];
  /** The whole input was refused (too large): nothing can be applied. */
  fatal: boolean;
}

export interface ManifestOptions {
  /** Whether the object already exists: kubectl then patches instead of creating, and says so. */
  exists?: (kind: ManifestObject['kind'], namespace: string, name: string) => boolean;
}

const SOURCE = 'STDIN';
const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';
const MUTATING_WEBHOOK = 'mcloneset.kb.io';

interface Kind {
  kind: ManifestObject['kind'];
  group: string;
  version: string;
  resource: string;
  goType: string;
}

const KINDS: readonly Kind[] = [
  { kind: 'CloneSet', group: 'apps.kruise.io', version: 'v1alpha1', resource: 'clonesets', goType: 'v1alpha1.CloneSet' },
  { kind: 'Pod', group: '', version: 'v1', resource: 'pods', goType: 'v1.Pod' },
  { kind: 'PersistentVolumeClaim', group: '', version: 'v1', resource: 'persistentvolumeclaims', goType: 'v1.PersistentVolumeClaim' },
];

/** kubectl's name for an object in its output lines: `cloneset.apps.kruise.io/nginx`, `pod/x`. */
export function resourceRef(obj: { kind: string; metadata: { name: string } }): string {
  const kind = KINDS.find((k) => k.kind === obj.kind);
  const type = kind ? `${kind.kind.toLowerCase()}${kind.group ? `.${kind.group}` : ''}` : obj.kind.toLowerCase();
  return `${type}/${obj.metadata.name}`;
}

/** kubectl's stderr for a list of problems: alone, with `error: `; several, one per line without it. */
export function kubectlErrorOutput(problems: readonly Pick<ManifestProblem, 'message' | 'text'>[]): string {
  if (problems.length === 1) return problems[0].message;
  return problems.map((p) => p.text).join('\n');
}

const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** apimachinery's schema.ParseGroupVersion. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | string {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return `unexpected GroupVersion string: ${apiVersion}`;
}

/** kubectl's getObjectKind check: the reasons a document has no usable apiVersion and kind. */
function objectKindErrors(doc: JsonValue): string[] {
  if (!isObject(doc)) return ['invalid object to validate'];
  const errors: string[] = [];
  const { apiVersion, kind } = doc;
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type");
  else {
    const gv = parseGroupVersion(apiVersion);
    if (typeof gv === 'string') errors.push(gv);
  }
  if (kind === undefined || kind === null) errors.push('kind not set');
  else if (typeof kind !== 'string') errors.push("kind isn't string type");
  return errors;
}

/** Go's %v of an aggregate of errors: one, or `[a, b]`. */
const aggregate = (errors: string[]) => (errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);

interface Reader {
  /** The documents read before the stream stopped. */
  docs: { value: JsonValue; firstLine: number; locate: YamlDocument['locate'] }[];
  /** Why the stream stopped early. */
  error?: { message: string; location?: YamlLocation };
}

const tooManyDocuments = () => ({ message: `the input has more than ${YAML_LIMITS.maxDocuments} documents (the playground's limit)` });

function readYamlStream(text: string): Reader {
  const { chunks, error } = splitYamlDocuments(text);
  const docs: Reader['docs'] = [];
  for (const chunk of chunks) {
    if (docs.length === YAML_LIMITS.maxDocuments) return { docs, error: tooManyDocuments() };
    try {
      const doc = readYamlDocument(chunk);
      docs.push({ value: doc.value, firstLine: chunk.firstLine, locate: doc.locate });
    } catch (e) {
      if (!(e instanceof YamlReadError)) throw e;
      return { docs, error: { message: e.message, location: e.location } };
    }
  }
  return { docs, error: error && { message: error.message, location: error.location } };
}

/** Line and column of offsets in a text. */
function locator(text: string): (offset: number) => YamlLocation {
  const starts = lineStarts(text);
  return (offset) => {
    const line = lineOf(starts, offset);
    return { line: line + 1, column: offset - starts[line] + 1 };
  };
}

function readJsonInput(text: string): Reader {
  const lineAt = locator(text);
  let values;
  try {
    values = readJsonStream(text);
  } catch (e) {
    if (!(e instanceof JsonStreamError)) throw e;
    return { docs: [], error: { message: e.message, location: lineAt(e.offset) } };
  }
  if (values.length > YAML_LIMITS.maxDocuments) return { docs: [], error: tooManyDocuments() };
  const docs: Reader['docs'] = values.map(({ text: valueText, start }) => {
    const at = lineAt(start);
    const pad = ' '.repeat(at.column - 1);
    try {
      const doc = readYamlDocument({ text: `${pad}${valueText}\n`, firstLine: at.line });
      return { value: doc.value, firstLine: at.line, locate: doc.locate };
    } catch {
      return { value: JSON.parse(valueText) as JsonValue, firstLine: at.line, locate: () => at };
    }
  });
  return { docs };
}

/** A document kubectl or the server refuses; `whileReading` problems are printed before the apply ones. */
class DocumentRefused {
  constructor(
    readonly problem: Omit<ManifestProblem, 'document'>,
    readonly whileReading: boolean,
  ) {}
}

/** Reads, checks and decodes every document of a `kubectl apply -f -` input. */
export function parseManifests(text: string, options: ManifestOptions = {}): ManifestResult {
  const result: ManifestResult = { documents: [], problems: [], notices: [], fatal: false };
  const size = utf8Length(text, YAML_LIMITS.maxBytes);
  if (size > YAML_LIMITS.maxBytes) {
    const detail = `error parsing ${SOURCE}: the input is larger than ${YAML_LIMITS.maxBytes} bytes (the playground's limit)`;
    result.problems.push({ message: `error: ${detail}`, text: detail, stage: 'parse' });
    result.fatal = true;
    return result;
  }
  const reader = /^\s*\{/.test(text) ? readJsonInput(text) : readYamlStream(text);
  const later: ManifestProblem[] = [];
  let index = 0;
  for (const doc of reader.docs) {
    if (doc.value === null) continue;
    const document = index++;
    const kindErrors = objectKindErrors(doc.value);
    if (kindErrors.length) {
      const detail = `error validating "${SOURCE}": error validating data: ${aggregate(kindErrors)}; ${STOP_VALIDATE}`;
      const at = doc.locate([]);
      result.problems.push({ message: `error: ${detail}`, text: detail, stage: 'client', document, ...at });
      return { ...result, problems: [...result.problems, ...later] };
    }
    try {
      const decoded = decodeDocument(doc.value as Record<string, JsonValue>, doc.locate, options, (n) => result.notices.push({ ...n, document }));
      result.documents.push({ index: document, line: doc.firstLine, ...decoded });
    } catch (e) {
      if (!(e instanceof DocumentRefused)) throw e;
      (e.whileReading ? result.problems : later).push({ ...e.problem, document });
    }
  }
  if (reader.error) {
    const detail = `error parsing ${SOURCE}: ${reader.error.message}`;
    result.problems.push({ message: `error: ${detail}`, text: detail, stage: 'parse', ...reader.error.location });
  }
  result.problems.push(...later);
  return result;
}

type Locate = YamlDocument['locate'];

function refuse(stage: ManifestStage, message: string, at?: YamlLocation, whileReading = false): never {
  const text = message.startsWith('error: ') ? message.slice('error: '.length) : message;
  throw new DocumentRefused({ message, text, stage, ...at }, whileReading);
}

function decodeDocument(doc: Record<string, JsonValue>, locate: Locate, options: ManifestOptions, notice: (n: Omit<ManifestNotice, 'document'>) => void): Omit<ManifestDocument, 'index' | 'line'> {
  const apiVersion = doc.apiVersion as string;
  const kindName = doc.kind as string;
  const gv = parseGroupVersion(apiVersion) as { group: string; version: string };
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  const kind = KINDS.find((k) => k.kind === kindName && k.group === gv.group && k.version === gv.version);
  if (!kind) {
    const match = gv.version === '' ? `no matches for kind "${kindName}" in group "${gv.group}"` : `no matches for kind "${kindName}" in version "${apiVersion}"`;
    refuse('client', `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${SOURCE}": ${match}\nensure CRDs are installed first`, locate(['kind']), true);
  }
  if (name === '') {
    const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
    if (generateName) refuse('client', `error: from ${generateName}: cannot use generate name with apply`, locate(['metadata', 'generateName']));
    const gvr = `${kind.group}/${kind.version}, Resource=${kind.resource}`;
    const gvk = `${kind.group}/${kind.version}, Kind=${kind.kind}`;
    const info = `Resource: "${gvr}", GroupVersionKind: "${gvk}"\nName: "", Namespace: "${namespace || 'default'}"`;
    refuse('client', `error: error when retrieving current configuration of:\n${info}\nfrom server for: "${SOURCE}": resource name may not be empty`, locate(['metadata']));
  }
  const ns = namespace || 'default';
  const verb = options.exists?.(kind.kind, ns, name) ? 'patching' : 'creating';
  const normalized = kind.kind === 'CloneSet' ? decodeCustomResource(doc, kind, verb, locate, notice) : decodeBuiltIn(doc, kind, verb, locate);
  const metadata = isObject(normalized.metadata) ? normalized.metadata : {};
  const object = { ...normalized, metadata: { ...metadata, namespace: ns } } as unknown as ManifestObject;
  if (object.kind !== 'CloneSet' && !object.status) (object as Pod).status = {};
  return { object, raw: doc };
}

/** `<Kind> in version "<v>" cannot be handled as a <Kind>: ` (only a create says so). */
const cannotBeHandled = (kind: Kind, verb: string) => (verb === 'creating' ? `${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: ` : '');

function badRequest(kind: Kind, verb: string, detail: string, at: YamlLocation): never {
  refuse('server', `Error from server (BadRequest): error when ${verb} "${SOURCE}": ${cannotBeHandled(kind, verb)}${detail}`, at);
}

const strictError = (unknown: UnknownField[]) => `strict decoding error: ${unknown.map((u) => `unknown field "${u.path}"`).join(', ')}`;

function decodeCustomResource(doc: Record<string, JsonValue>, kind: Kind, verb: string, locate: Locate, notice: (n: Omit<ManifestNotice, 'document'>) => void): Record<string, JsonValue> {
  // The API server: metadata into ObjectMeta (field paths relative to metadata), then pruning.
  const unknown: UnknownField[] = [];
  if ('metadata' in doc) {
    const meta = goDecode(doc.metadata, goType('metav1.ObjectMeta'), { at: ['metadata'], strictPrefix: 'metadata' });
    if (meta.error) badRequest(kind, verb, meta.error.message, locate(meta.error.at));
    unknown.push(...meta.unknown);
  }
  unknown.push(...prunedFields(doc, { root: goType(kind.goType), preserved: CLONESET_PRESERVED }));
  if (unknown.length) badRequest(kind, verb, strictError(unknown), locate(unknown[0].at, 'key'));
  // kruise's mutating webhook.
  const decoded = goDecode(doc, goType(kind.goType));
  if (decoded.error) webhookDenial(verb, decoded.error, locate);
  for (const u of decoded.unknown) {
    const at = locate(u.at, 'key');
    notice({ message: `unknown field "${u.path}" is dropped: kruise's CRD leaves the pod template unchecked and its webhook removes fields it does not know`, ...at });
  }
  return decoded.value as Record<string, JsonValue>;
}

const CLONESET_PRESERVED: ReadonlySet<string> = new Set(['v1alpha1.CloneSetSpec.template', 'v1alpha1.CloneSetSpec.volumeClaimTemplates']);

function webhookDenial(verb: string, error: DecodeProblem, locate: Locate): never {
  refuse('server', `Error from server: error when ${verb} "${SOURCE}": admission webhook "${MUTATING_WEBHOOK}" denied the request: ${error.message}`, locate(error.at));
}

function decodeBuiltIn(doc: Record<string, JsonValue>, kind: Kind, verb: string, locate: Locate): Record<string, JsonValue> {
  const decoded = goDecode(doc, goType(kind.goType));
  if (decoded.error) badRequest(kind, verb, decoded.error.message, locate(decoded.error.at));
  if (decoded.unknown.length) badRequest(kind, verb, strictError(decoded.unknown), locate(decoded.unknown[0].at, 'key'));
  return decoded.value as Record<string, JsonValue>;
}

