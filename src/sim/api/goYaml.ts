// Reading YAML the way `kubectl apply -f -` does (k8s.io/apimachinery util/yaml's YAMLReader, then
// sigs.k8s.io/yaml's YAMLToJSON on go-yaml v2), on top of js-yaml:
// - the text is cut into documents at lines starting with `---` (anything but a comment after
//   the dashes is "invalid Yaml document separator"), CRLF line ends become LF, and each document
//   is parsed on its own, so go-yaml's line numbers count from the document's first line;
// - scalars resolve as go-yaml v2 does (goYamlScalars.ts), duplicate keys keep the last value,
//   a `...` line ends the document and what follows it is ignored;
// - js-yaml's errors are reworded as go-yaml's (goYamlErrors.ts);
// - hostile input is refused early: more than 5 MB of text or 1,000 documents, documents nested
//   deeper than 1,000 levels or with more than 100,000 nodes once aliases are expanded, and go-yaml's own
//   "excessive aliasing" rule (a billion-laughs document is refused after a few thousand nodes);
// - every node's position is kept, so a JSON path (`spec.template.spec.containers[0].image`) can
//   be mapped back to a line and column for the editor.
import yaml from 'js-yaml';
import type { JsonValue } from './goJson';
import { GO_YAML_SCHEMA } from './goYamlScalars';
import { goYamlVerdict } from './goYamlErrors';
import { goSyntax, Positions, type KeyProblems, type RawNode } from './goYamlPositions';

export const YAML_LIMITS = Object.freeze({ maxBytes: 5 * 1024 * 1024, maxNodes: 100_000, maxDepth: 1000, maxDocuments: 1000 });

/** One YAML document of the input: its text (LF line ends, ending in a newline) and where it starts. */
export interface YamlChunk {
  text: string;
  /** 1-based line of the whole input where the document's first line is. */
  firstLine: number;
}

/** 1-based line and column in the whole input. */
export interface YamlLocation {
  line: number;
  column: number;
}

/** A document that could not be read; `message` is what kubectl prints after `error parsing STDIN: `. */
export class YamlReadError extends Error {
  constructor(
    message: string,
    readonly location?: YamlLocation,
  ) {
    super(message);
  }
}

export type PathSegment = string | number;

export interface YamlDocument {
  /** The document as the JSON kubectl sends; null for an empty document. */
  value: JsonValue;
  /** Where a field's key (or value) is written; the closest enclosing node when not found. */
  locate(path: readonly PathSegment[], target?: 'key' | 'value'): YamlLocation;
}

/** UTF-8 length of a text, counted only as far as needed to compare it with a limit. */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** kubectl's YAMLReader: the documents of a text, and the separator error that stopped it, if any. */
export function splitYamlDocuments(input: string): { chunks: YamlChunk[]; error?: YamlReadError } {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const chunks: YamlChunk[] = [];
  let buffer: string[] = [];
  let firstLine = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) {
        return { chunks, error: new YamlReadError(`invalid Yaml document separator: ${rest}`, { line: i + 1, column: 4 + line.slice(3).indexOf(rest) }) };
      }
      if (buffer.length) chunks.push({ text: buffer.join(''), firstLine });
      buffer = [];
      firstLine = i + 2;
      continue;
    }
    if (!buffer.length) firstLine = i + 1;
    buffer.push(`${line}\n`);
  }
  if (buffer.length) chunks.push({ text: buffer.join(''), firstLine });
  return { chunks };
}

// ---- values ---------------------------------------------------------------------------------

/** go-yaml v2's allowedAliasRatio: the share of nodes that may come from alias expansion. */
function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

function setKey(obj: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** A plain JSON tree, aliases expanded, with go-yaml's aliasing limit and the JSON encoder's refusals. */
function toJson(root: unknown, anchors: Map<object, string>, maxNodes: number): JsonValue {
  let count = 0;
  let aliasCount = 0;
  const seen = new Set<object>();
  const onPath = new Set<object>();
  const tick = (inAlias: boolean) => {
    count++;
    if (inAlias) aliasCount++;
    if (aliasCount > 100 && count > 1000 && aliasCount / count > allowedAliasRatio(count)) throw new YamlReadError('error converting YAML to JSON: yaml: document contains excessive aliasing');
    if (count > maxNodes) throw new YamlReadError(`error converting YAML to JSON: yaml: document has more than ${maxNodes} nodes (the playground's limit)`);
  };
  const visit = (v: unknown, inAlias: boolean): JsonValue => {
    tick(inAlias);
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') {
      if (Number.isNaN(v)) throw new YamlReadError('error converting YAML to JSON: json: unsupported value: NaN');
      if (!Number.isFinite(v)) throw new YamlReadError(`error converting YAML to JSON: json: unsupported value: ${v > 0 ? '+Inf' : '-Inf'}`);
      return v;
    }
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v !== 'object') return String(v);
    if (onPath.has(v)) throw new YamlReadError(`error converting YAML to JSON: yaml: anchor '${anchors.get(v) ?? ''}' value contains itself`);
    const alias = inAlias || seen.has(v);
    seen.add(v);
    onPath.add(v);
    let out: JsonValue;
    if (Array.isArray(v)) out = v.map((item) => visit(item, alias));
    else {
      const obj: Record<string, JsonValue> = {};
      for (const key of Object.keys(v)) {
        tick(alias);
        setKey(obj, key, visit((v as Record<string, unknown>)[key], alias));
      }
      out = obj;
    }
    onPath.delete(v);
    return out;
  };
  return visit(root, false);
}

// ---- reading one document -------------------------------------------------------------------

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
  anchor?: string | null;
}

class LimitExceeded extends Error {}

/** Reads one document the way kubectl does; throws YamlReadError. */
export function readYamlDocument(chunk: YamlChunk, limits = YAML_LIMITS): YamlDocument {
  const end = /^\.\.\.(?=[ \t]|$)/m.exec(chunk.text);
  let text = end ? chunk.text.slice(0, end.index) : chunk.text;
  const positions = () => new Positions(text, chunk.firstLine);
  for (let attempt = 0; ; attempt++) {
    const root: RawNode = { open: 0, end: 0, kind: null, result: null, children: [] };
    const stack: RawNode[] = [root];
    const anchors = new Map<object, string>();
    let opened = 0;
    let value: unknown;
    try {
      value = yaml.load(text, {
        schema: GO_YAML_SCHEMA,
        json: true,
        maxDepth: limits.maxDepth,
        listener(type: string, state: ListenerState) {
          if (type === 'open') {
            if (++opened > limits.maxNodes * 3) throw new LimitExceeded();
            const node: RawNode = { open: state.position, end: state.position, kind: null, result: null, children: [] };
            stack[stack.length - 1].children.push(node);
            stack.push(node);
          } else {
            const node = stack.pop()!;
            node.end = state.position;
            node.kind = state.kind;
            node.result = state.result;
            if (state.anchor && typeof state.result === 'object' && state.result !== null) anchors.set(state.result, state.anchor);
          }
        },
      } as yaml.LoadOptions);
    } catch (e) {
      if (e instanceof LimitExceeded) throw new YamlReadError(`error converting YAML to JSON: yaml: document has more than ${limits.maxNodes} nodes (the playground's limit)`);
      if (e instanceof RangeError || (e instanceof yaml.YAMLException && e.reason.startsWith('nesting exceeded maxDepth'))) {
        const at = e instanceof yaml.YAMLException ? positions().location(e.mark.position) : undefined;
        throw new YamlReadError(`error converting YAML to JSON: yaml: document is nested deeper than ${limits.maxDepth} levels (the playground's limit)`, at);
      }
      if (!(e instanceof yaml.YAMLException)) throw e;
      const innermost = stack[stack.length - 1];
      const verdict = goYamlVerdict(text, { reason: e.reason, position: e.mark.position, nodeStart: innermost === root ? undefined : innermost.open });
      if (verdict.kind === 'truncate' && attempt === 0) {
        text = text.slice(0, verdict.offset);
        continue;
      }
      const offset = verdict.offset;
      const message = verdict.kind === 'error' ? verdict.message : `yaml: ${e.reason}`;
      throw new YamlReadError(`error converting YAML to JSON: ${message}`, positions().location(offset));
    }
    const pos = positions();
    const problems: KeyProblems = {};
    const tree = root.children.length ? pos.index(root.children[0], problems) : { offset: 0 };
    if (problems.complexKey) {
      throw new YamlReadError(`error converting YAML to JSON: yaml: invalid map key: ${goSyntax(problems.complexKey.key)}`, pos.location(problems.complexKey.offset));
    }
    const json = toJson(value, anchors, limits.maxNodes);
    if (problems.nullKey) {
      throw new YamlReadError(
        `error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(problems.nullKey.value)}`,
        pos.location(problems.nullKey.offset),
      );
    }
    return { value: json, locate: (path, target = 'value') => pos.locate(tree, path, target) };
  }
}
