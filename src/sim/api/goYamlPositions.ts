// Where each node of a YAML document is, so that a JSON path (`spec.template.spec.containers[0]`)
// can be turned back into a line and column for the editor. Built from js-yaml's listener events
// (one open/close pair per node read; js-yaml reads some nodes twice, a wrapper around the same
// value). Mapping children come as key, value, key, value...; a key is recognised by the `:` that
// follows it, so a key whose value is empty still pairs up. A sequence whose entries cannot be
// matched one to one (an empty entry has no node) is only located as a whole.
import { goQuote } from './fieldErrors';
import type { PathSegment, YamlLocation } from './goYaml';

/** Keys JSON cannot have, found while indexing (the first of each). */
export interface KeyProblems {
  /** A mapping or sequence used as a key (go-yaml: invalid map key). */
  complexKey?: { key: unknown; offset: number };
  /** A null key (sigs.k8s.io/yaml: unsupported map key). */
  nullKey?: { value: unknown; offset: number };
}

/** A node as js-yaml's listener saw it: composeNode's open/close events. */
export interface RawNode {
  open: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: RawNode[];
}

export interface IndexedNode {
  offset: number;
  entries?: Map<string, { key: IndexedNode; value?: IndexedNode }>;
  items?: IndexedNode[];
}

/** Skips blanks, line breaks and comments from `i`. */
function skipInsignificant(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i < text.length && text[i] !== '\n') i++;
    else break;
  }
  return i;
}

/** js-yaml reports some nodes twice (a wrapper around the same value): keep the inner one. */
function unwrap(node: RawNode): RawNode {
  let n = node;
  while (n.children.length === 1 && n.children[0].result === n.result && n.children[0].kind === n.kind) n = n.children[0];
  return n;
}

export class Positions {
  private readonly starts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  location(offset: number): YamlLocation {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.firstLine + lo, column: offset - this.starts[lo] + 1 };
  }

  /** Builds the lookup tree; reports keys that JSON cannot have. */
  index(raw: RawNode, problems: KeyProblems): IndexedNode {
    const node = unwrap(raw);
    const out: IndexedNode = { offset: skipInsignificant(this.text, node.open) };
    if (node.kind === 'mapping') {
      out.entries = new Map();
      let key: RawNode | undefined;
      const pending: [RawNode, RawNode | undefined][] = [];
      for (const child of node.children) {
        const empty = child.result === null && this.text.slice(child.open, child.end).trim() === '';
        const isKey = !(key && empty) && this.text[skipInsignificant(this.text, child.end)] === ':';
        if (key && !isKey) {
          pending.push([key, child]);
          key = undefined;
        } else {
          if (key) pending.push([key, undefined]);
          key = child;
        }
      }
      if (key) pending.push([key, undefined]);
      for (const [k, v] of pending) {
        const keyNode = unwrap(k);
        const keyValue = keyNode.result;
        if (typeof keyValue === 'object' && keyValue !== null) {
          problems.complexKey ??= { key: keyValue, offset: skipInsignificant(this.text, keyNode.open) };
          continue;
        }
        if (keyValue === null && !problems.nullKey && Object.hasOwn(node.result as object, 'null')) problems.nullKey = { value: v ? unwrap(v).result : null, offset: skipInsignificant(this.text, keyNode.open) };
        if (keyValue === '<<') continue;
        out.entries.set(String(keyValue), { key: this.index(k, problems), value: v && this.index(v, problems) });
      }
    } else if (node.kind === 'sequence') {
      const aligned = Array.isArray(node.result) && node.result.length === node.children.length;
      if (aligned) out.items = node.children.map((c) => this.index(c, problems));
    }
    return out;
  }

  locate(root: IndexedNode, path: readonly PathSegment[], target: 'key' | 'value'): YamlLocation {
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (typeof seg === 'number' && node.items?.[seg]) node = node.items[seg];
      else if (typeof seg === 'string' && node.entries?.has(seg)) {
        const entry = node.entries.get(seg)!;
        if (last && target === 'key') return this.location(entry.key.offset);
        node = entry.value ?? entry.key;
      } else break;
    }
    return this.location(node.offset);
  }
}

/** fmt's %#v for what go-yaml decodes into interface{}. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const entries = Object.keys(v as object).sort().map((k) => `${goQuote(k)}:${goSyntax((v as Record<string, unknown>)[k])}`);
  return `map[interface {}]interface {}{${entries.join(', ')}}`;
}

