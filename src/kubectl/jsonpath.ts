// kubectl's JSONPath templates (client-go util/jsonpath): text with `{…}` actions; fields
// (`.a.b`, `['a']`, escaped dots `app\.kubernetes\.io/name`), `[n]`, negative indexes, slices
// `[a:b:c]`, `[*]`, unions `[0,2]`, `..` recursive descent, filters `[?(@.x=="y")]` /
// `[?(@.x)]`, `{range …}…{end}` and quoted literals with Go escapes. The parser's and
// evaluator's error sentences are client-go's. Output rules are kubectl's: the results of one
// action are separated by spaces, strings and numbers print bare, maps and lists print as JSON.
import type { Json } from './apiObject';

export class JsonPathError extends Error {}

type Node =
  | { t: 'text'; text: string }
  | { t: 'list'; nodes: Node[] }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'filter'; left: Node; right: Node; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: Node[] }
  | { t: 'identifier'; name: string };

interface Param {
  known: boolean;
  value: number;
  derived?: boolean;
}

/** A literal number from the template keeps Go's int/float distinction for comparisons. */
class GoFloat {
  constructor(readonly value: number) {}
}
type Value = Json | GoFloat;

const isTerminator = (c: string | undefined): boolean => c === undefined || ' \t\r\n.,[]$@{}'.includes(c);
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

/** Go's %#U: `U+0025 '%'`. */
const goRune = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`;

class Parser {
  private pos = 0;
  private start = 0;
  readonly root: Node & { t: 'list' } = { t: 'list', nodes: [] };
  private depth = 0;

  constructor(private readonly input: string) {}

  parse(): Node & { t: 'list' } {
    this.parseText();
    return this.root;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    const c = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.pos += c.length;
    return c;
  }

  private peek(): string | undefined {
    return this.pos >= this.input.length ? undefined : String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private parseText(): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const list: Node & { t: 'list' } = { t: 'list', nodes: [] };
        this.root.nodes.push(list);
        this.parseInsideAction(list);
        continue;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
  }

  /** One token per turn of the loop (client-go recurses; a loop keeps long templates off the stack). */
  private parseInsideAction(cur: { nodes: Node[] }): void {
    for (;;) {
      const at = (prefix: string) => this.input.startsWith(prefix, this.pos);
      if (at('}')) {
        this.pos += 1;
        this.consume();
        return;
      }
      if (at('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (at('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: 'recursive' });
        if (isAlphaNumeric(this.peek())) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || /\d/.test(r)) {
        this.pos -= r.length;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos -= r.length;
        this.parseIdentifier(cur);
      } else throw new JsonPathError(`unrecognized character in action: ${goRune(r)}`);
    }
  }

  private parseIdentifier(cur: { nodes: Node[] }): void {
    while (!isTerminator(this.peek())) this.next();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseNumber(cur: { nodes: Node[] }): void {
    const p = this.peek();
    if (p === '+' || p === '-') this.next();
    while (this.peek() === '.' || /\d/.test(this.peek() ?? '')) this.next();
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: { nodes: Node[] }): void {
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated array');
      if (c === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ t: 'union', nodes: parts.map((s) => parseSubAction(`[${s.trim()}]`, this.depth + 1)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      const sub = parseSubAction(`.${dict[1]}`, this.depth + 1) as Node & { t: 'list' };
      cur.nodes.push(...sub.nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0 });
        else {
          if (!/^-?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ known: true, value: Number(v) });
        }
      } else if (i === 1) params.push({ known: true, value: params[0].value + 1, derived: true });
      else params.push({ known: false, value: 0 });
    }
    cur.nodes.push({ t: 'array', params: params as [Param, Param, Param] });
  }

  private parseFilter(cur: { nodes: Node[] }): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=~]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: parseSubAction(text, this.depth + 1), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseSubAction(m[1], this.depth + 1), right: parseSubAction(m[3], this.depth + 1), op: m[2] });
  }

  private parseQuote(cur: { nodes: Node[] }, quote: string): void {
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') throw new JsonPathError('unterminated quoted string');
      if (c === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    cur.nodes.push({ t: 'text', text: unquoteExtend(value) });
  }

  private parseField(cur: { nodes: Node[] }): void {
    this.consume();
    for (;;) {
      const c = this.peek();
      if (c === '\\') {
        this.next();
        this.next();
      } else if (isTerminator(c)) break;
      else this.next();
    }
    const value = this.consume();
    cur.nodes.push(value === '*' ? { t: 'wildcard' } : { t: 'field', name: value.replace(/\\/g, '') });
  }

  withDepth(d: number): this {
    this.depth = d;
    return this;
  }
}

function parseSubAction(text: string, depth: number): Node {
  if (depth > 50) throw new JsonPathError('template nested too deeply');
  const root = new Parser(`{${text}}`).withDepth(depth).parse();
  return root.nodes[0] as Node;
}

/** Go's strconv.UnquoteChar escapes inside a single- or double-quoted literal. */
function unquoteExtend(s: string): string {
  const quote = s[0];
  const body = s.slice(1, -1);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) throw new JsonPathError(`unquote string ${s} error invalid syntax`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new JsonPathError(`unquote string ${s} error invalid syntax`);
    if (e in simple) out += simple[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) throw new JsonPathError(`unquote string ${s} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new JsonPathError(`unquote string ${s} error invalid syntax`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new JsonPathError(`unquote string ${s} error invalid syntax`);
  }
  return out;
}

// ---- evaluation -------------------------------------------------------------------------------

const isMap = (v: Value | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);

/** Go's type names as the evaluator's errors print them. */
function goTypeName(v: Value): string {
  if (v === null) return 'interface {}';
  if (v instanceof GoFloat) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int64' : 'float64';
}

/** Children in a stable order (Go walks maps in random order; sorted keys keep output reproducible). */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  // Indexing a Go string gives its bytes.
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  walk(input: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return this.array(input, node.params);
      case 'wildcard':
        return input.filter((v) => v !== null).flatMap(children);
      case 'recursive':
        return this.recursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'filter':
        return this.filter(input, node);
      case 'identifier':
        throw new JsonPathError(node.name === 'end' ? 'not in range, nothing to end' : `unrecognized identifier ${node.name}`);
    }
  }

  private field(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const out: Value[] = [];
    for (const v of input) if (isMap(v) && Object.hasOwn(v, name)) out.push(v[name]);
    if (out.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return out;
  }

  private array(input: Value[], params: [Param, Param, Param]): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (v === null) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let from = params[0].known ? params[0].value : 0;
      if (from < 0) from += len;
      let to = params[1].known ? params[1].value : len;
      if (to < 0 || (to === 0 && params[1].derived)) to += len;
      if (to === from) return out;
      if (from >= len || from < 0) throw new JsonPathError(`array index out of bounds: index ${from}, length ${len}`);
      if (to > len || to < 0) throw new JsonPathError(`array index out of bounds: index ${to - 1}, length ${len}`);
      if (from > to) throw new JsonPathError(`starting index ${from} is greater than ending index ${to}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = from; i < to; i += step) out.push(v[i]);
    }
    return out;
  }

  private recursive(input: Value[]): Value[] {
    const out: Value[] = [];
    // client-go lists a value that has children, then (recursively) its children in order.
    const level = (values: Value[]) => {
      for (const v of values) {
        if (v === null) continue;
        const kids = children(v);
        if (kids.length === 0) continue;
        out.push(v);
        level(kids);
      }
    };
    level(input);
    return out;
  }

  private filter(input: Value[], node: Node & { t: 'filter' }): Value[] {
    const out: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goPrint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) out.push(item);
      }
    }
    return out;
  }
}

type Basic = { kind: 'bool' | 'int' | 'float' | 'string'; v: boolean | number | string };

function basic(v: Value): Basic | undefined {
  if (v instanceof GoFloat) return { kind: 'float', v: v.value };
  if (typeof v === 'boolean') return { kind: 'bool', v };
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'float', v };
  return undefined;
}

/** The comparisons of Go's text/template (eq, ne, lt, le, gt, ge) as the filter uses them. */
function compare(left: Value, right: Value, op: string): boolean {
  const a = basic(left);
  const b = basic(right);
  if (!['==', '!=', '<', '>', '<=', '>='].includes(op)) throw new JsonPathError(`unrecognized filter operator ${op}`);
  if (!a || !b) throw new JsonPathError(op === '==' || op === '!=' ? 'non-comparable types' : 'invalid type for comparison');
  if (a.kind !== b.kind) throw new JsonPathError('incompatible types for comparison');
  if (op === '==') return a.v === b.v;
  if (op === '!=') return a.v !== b.v;
  if (a.kind === 'bool') throw new JsonPathError('invalid type for comparison');
  const lt = a.v < b.v;
  if (op === '<') return lt;
  if (op === '<=') return lt || a.v === b.v;
  if (op === '>') return !lt && a.v !== b.v;
  return !lt;
}

/** encoding/json of one value, as PrintResults writes maps and lists (Go sorts map keys). */
export function goJsonMarshal(v: Value): string {
  if (v instanceof GoFloat) return JSON.stringify(v.value);
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  if (isMap(v)) return `{${Object.keys(v).sort().map((k) => `${goJsonString(k)}:${goJsonMarshal(v[k])}`).join(',')}}`;
  if (typeof v === 'string') return goJsonString(v);
  return JSON.stringify(v);
}

/** Go escapes <, > and & in JSON strings. */
const goJsonString = (s: string): string => JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** fmt.Fprint of a scalar. */
function goText(v: Value): string {
  if (v instanceof GoFloat) return goFloat(v.value);
  if (v === null) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

/** %v of a float64: shortest representation, exponent form from 1e21 and below 1e-4. */
function goFloat(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs < 1e-4 || abs >= 1e21) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Go's %#v of an unstructured value, as kubectl's "object given to jsonpath engine" shows it. */
export function goPrint(v: Value): string {
  if (v === null) return 'interface {}(nil)';
  if (v instanceof GoFloat) return goFloat(v.value);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goPrint).join(', ')}}`;
  if (isMap(v))
    return `map[string]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goPrint(v[k])}`)
      .join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return goText(v);
}

function printResults(values: Value[]): string {
  return values.map((v) => (Array.isArray(v) || isMap(v) ? goJsonMarshal(v) : goText(v))).join(' ');
}

export interface JsonPathTemplate {
  /** The template's text. */
  readonly source: string;
  execute(data: Json): string;
}

type Block = { t: 'node'; node: Node } | { t: 'range'; head: Node[]; body: Block[] };

/** Groups `{range …}` … `{end}` into blocks (client-go tracks the same with counters). */
function blocks(nodes: Node[]): Block[] {
  const stack: Block[][] = [[]];
  for (const n of nodes) {
    const top = stack[stack.length - 1];
    if (n.t === 'list' && n.nodes[0]?.t === 'identifier' && n.nodes[0].name === 'range') {
      const block: Block & { t: 'range' } = { t: 'range', head: n.nodes.slice(1), body: [] };
      top.push(block);
      stack.push(block.body);
    } else if (n.t === 'list' && n.nodes.length === 1 && n.nodes[0].t === 'identifier' && n.nodes[0].name === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else top.push({ t: 'node', node: n });
  }
  return stack[0];
}

/** Parses a template; throws JsonPathError with client-go's message when it cannot. */
export function parseJsonPath(source: string, options: { allowMissingKeys?: boolean } = {}): JsonPathTemplate {
  let root: Node & { t: 'list' };
  try {
    root = new Parser(source).parse();
  } catch (e) {
    if (e instanceof RangeError) throw new JsonPathError('template nested too deeply');
    throw e;
  }
  const evaluator = new Evaluator(options.allowMissingKeys ?? true);
  const run = (bs: Block[], data: Value, out: string[]) => {
    for (const b of bs) {
      if (b.t === 'node') out.push(printResults(evaluator.walk([data], b.node)));
      else {
        const items = evaluator.walk([data], { t: 'list', nodes: b.head });
        for (const item of items) run(b.body, item, out);
      }
    }
  };
  return {
    source,
    execute(data: Json): string {
      const out: string[] = [];
      run(blocks(root.nodes), data, out);
      return out.join('');
    },
  };
}

/**
 * kubectl's RelaxedJSONPathExpression for --sort-by and custom columns: `.a.b`, `a.b` and
 * `{.a.b}` all mean `{.a.b}`.
 */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{?(\.?[^{}]+)\}?$/.exec(expr);
  if (!m) throw new JsonPathError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  return m[1].startsWith('.') ? `{${m[1]}}` : `{.${m[1]}}`;
}

/** The raw values a path selects (custom columns and --sort-by read these). */
export function findValues(source: string, data: Json, allowMissingKeys = true): Json[] {
  const root = new Parser(source).parse();
  const evaluator = new Evaluator(allowMissingKeys);
  const out: Json[] = [];
  for (const n of root.nodes) for (const v of evaluator.walk([data], n)) out.push(v instanceof GoFloat ? v.value : v);
  return out;
}

/** fmt.Sprint of a found value, as custom columns print cells. */
export function valueText(v: Json): string {
  return Array.isArray(v) || isMap(v) ? goPrintPlain(v) : goText(v);
}

/** %v of a map or list: `map[a:1 b:x]`, `[a b]`. */
function goPrintPlain(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(goPrintPlain).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrintPlain(v[k])}`)
      .join(' ')}]`;
  return goText(v);
}
