// js-yaml's syntax errors, reworded as the go-yaml v2 messages kubectl prints.
// The two parsers notice a problem at different places, so each js-yaml reason is mapped to the
// go-yaml error that the same mistake produces (checked against sigs.k8s.io/yaml on go-yaml 2.4
// for the usual learner mistakes, see tests/unit/manifest.test.ts), and the line follows
// go-yaml's own numbering, quirks included (lines are counted within the YAML document, which
// starts after its `---`):
// - a scanner error names the line of the offending character ("mapping values are not allowed
//   in this context", "found character that cannot start any token", ...);
// - a parser error names the line *before* the offending token ("did not find expected key"):
//   go-yaml prints the 0-based line there;
// - an error on the document's first line gets no "line N: " at all.
import { lineOf, lineStarts } from './textLines';
import { resolvePlainScalar, shortTag } from './goYamlScalars';

export type GoYamlVerdict =
  /** The document fails: `message` is go-yaml's (`yaml: line 7: ...`), `offset` where to underline. */
  | { kind: 'error'; message: string; offset: number }
  /** go-yaml stops reading the document at `offset` (a dedent past its first node) and ignores the rest. */
  | { kind: 'truncate'; offset: number };

export interface JsYamlFailure {
  reason: string;
  /** Offset of js-yaml's mark in the document text. */
  position: number;
  /** Offset where the innermost node being read started, if known. */
  nodeStart?: number;
}

const withLine = (line: number, message: string) => (line > 0 ? `yaml: line ${line}: ${message}` : `yaml: ${message}`);

const isContentLine = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
const indentOf = (line: string) => line.length - line.trimStart().length;

function skipInsignificant(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i < text.length && text[i] !== '\n') i++;
    else break;
  }
  return i;
}

/** The block collections a line opens, outermost first: `  - name: x` opens a sequence at 2 and a mapping at 4. */
function collectionsOf(line: string): { column: number; kind: 'sequence' | 'mapping' }[] {
  const out: { column: number; kind: 'sequence' | 'mapping' }[] = [];
  let i = indentOf(line);
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    out.push({ column: i, kind: 'sequence' });
    i++;
    while (line[i] === ' ') i++;
  }
  const rest = line.slice(i).replace(/\s#.*$/, '');
  if (i < line.length && /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"#][^#]*?)\s*:(?:\s|$)/.test(rest)) out.push({ column: i, kind: 'mapping' });
  return out;
}

/**
 * The block collection still open where a line (0-based) goes wrong at `column`: the innermost one
 * starting at or left of it. A sequence written at its parent key's column (`key:` then `- x`
 * below it) is "indentless": go-yaml's parser treats it as part of that mapping.
 */
function enclosingCollection(lines: string[], line0: number, column: number): 'sequence' | 'mapping' | undefined {
  for (let j = line0; j >= 0; j--) {
    if (!isContentLine(lines[j])) continue;
    const found = collectionsOf(lines[j]).filter((c) => (j === line0 ? c.column < column : c.column <= column));
    for (let k = found.length - 1; k >= 0; k--) {
      const c = found[k];
      if (c.kind === 'sequence' && k === 0 && isIndentless(lines, j, c.column)) continue;
      return c.kind;
    }
  }
  return undefined;
}

function isIndentless(lines: string[], line0: number, column: number): boolean {
  for (let j = line0 - 1; j >= 0; j--) {
    if (!isContentLine(lines[j]) || indentOf(lines[j]) > column) continue;
    return collectionsOf(lines[j]).some((c) => c.kind === 'mapping' && c.column === column);
  }
  return false;
}

/** What go-yaml's scanner says about a `%` directive line in the middle of a document. */
function directiveProblem(line: string): string {
  const name = /^%([0-9A-Za-z_-]*)/.exec(line)?.[1] ?? '';
  const next = line[name.length + 1];
  if (name === '') return 'could not find expected directive name';
  if (next !== undefined && next !== ' ' && next !== '\t') return 'found unexpected non-alphabetical character';
  return name === 'YAML' || name === 'TAG' ? 'did not find expected <document start>' : 'found unknown directive name';
}

/** The innermost flow collection still open at `offset`: `]` or `}` (quotes and comments skipped). */
function openFlowCloser(text: string, offset: number): ']' | '}' {
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1];
    if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = c;
    else if (c === '#' && /\s/.test(prev)) while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    else if (c === '[' || c === '{') stack.push(c);
    else if (c === ']' || c === '}') stack.pop();
  }
  return stack[stack.length - 1] === '{' ? '}' : ']';
}

/** The scalar text a failing explicit tag was applied to (`!!int abc` → `abc`). */
function taggedScalarText(text: string, from: number, to: number): string {
  const raw = text.slice(from, to).replace(/^\s*(?:![^\s]*\s+)?(?:&[^\s]+\s+)?/, '').trim();
  return /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

export function goYamlVerdict(text: string, failure: JsYamlFailure): GoYamlVerdict {
  const starts = lineStarts(text);
  const offset = Math.min(failure.position, text.length);
  const line0 = lineOf(starts, offset);
  const L = line0 + 1;
  const lines = text.split('\n');
  const lineText = lines[line0] ?? '';
  const ch = text[offset] ?? '';
  const column = offset - starts[line0];
  const scanner = (message: string, line = L) => ({ kind: 'error' as const, message: withLine(line >= 2 ? line : 0, message), offset });
  const parser = (message: string) => ({ kind: 'error' as const, message: withLine(L - 1, message), offset });
  const plain = (message: string) => ({ kind: 'error' as const, message: `yaml: ${message}`, offset });
  const r = failure.reason;

  const indentation = r === 'bad indentation of a mapping entry' || r === 'bad indentation of a sequence entry' || r === 'end of the stream or a document separator is expected';
  if (indentation || r === 'tab characters must not be used in indentation') {
    if (/^[ ]*\t/.test(lineText)) return scanner('found character that cannot start any token');
    const next = text.slice(offset + 1, offset + 2);
    const firstOnLine = column === indentOf(lineText);
    if (ch === ':' && /^(\s|$)/.test(next)) return firstOnLine ? parser('did not find expected key') : scanner('mapping values are not allowed in this context');
    if (ch === '@' || ch === '`' || (ch === '%' && column > 0)) return scanner('found character that cannot start any token');
    if (ch === '%') return scanner(directiveProblem(lineText));
    if (ch === '|' || ch === '>') return scanner('did not find expected comment or line break');
    if ((ch === '&' || ch === '*') && /^(\s|$)/.test(next)) return scanner('did not find expected alphabetic or numeric character');
    if (ch === ']' || ch === '}') {
      // Where a key's value is still awaited, go-yaml wants node content; elsewhere, a key.
      let prev = line0 - 1;
      while (prev >= 0 && !isContentLine(lines[prev])) prev--;
      const awaitsValue = firstOnLine && prev >= 0 && /:\s*(#.*)?$/.test(lines[prev]) && column >= indentOf(lines[prev]);
      return parser(awaitsValue ? 'did not find expected node content' : 'did not find expected key');
    }
    if (ch === '-' && /^(\s|$)/.test(next) && !firstOnLine) return scanner('block sequence entries are not allowed in this context');
  }
  if (indentation) {
    if (r === 'end of the stream or a document separator is expected') {
      const first = lines.findIndex(isContentLine);
      const rootIndent = first < 0 ? 0 : indentOf(lines[first]);
      if (indentOf(lineText) < rootIndent) return { kind: 'truncate', offset: starts[line0] };
    }
    return parser(enclosingCollection(lines, line0, column) === 'sequence' ? "did not find expected '-' indicator" : 'did not find expected key');
  }
  if (r === 'a whitespace character is expected after the key-value separator within a block mapping') {
    // `"key":value`: go-yaml does not take the colon for a separator.
    const first = lines.findIndex(isContentLine);
    if (line0 === first) return { kind: 'truncate', offset: text.lastIndexOf(':', offset) };
    if (indentOf(lineText) === indentOf(lines[first] ?? '')) {
      const next = skipInsignificant(text, starts[line0 + 1] ?? text.length);
      return scanner("could not find expected ':'", next >= text.length ? lines.length : lineOf(starts, next) + 1);
    }
    return parser('did not find expected key');
  }
  if (/^unexpected end of the stream within a (double|single) quoted scalar$/.test(r)) return scanner('found unexpected end of stream');
  if (r === 'missed comma between flow collection entries' || r === 'unexpected end of the stream within a flow collection') {
    return parser(`did not find expected ',' or '${openFlowCloser(text, offset)}'`);
  }
  if (r.startsWith('incomplete explicit mapping pair')) return parser('did not find expected key');
  if (r === 'can not read an implicit mapping pair; a colon is missed' || r === 'can not read a block mapping entry; a multiline key may not be an implicit key') {
    // go-yaml gives up on the key where the next token starts (or at the end of the document).
    const next = skipInsignificant(text, offset);
    return scanner("could not find expected ':'", next >= text.length ? lines.length : lineOf(starts, next) + 1);
  }
  const alias = /^unidentified alias "(.*)"$/.exec(r);
  if (alias) return plain(`unknown anchor '${/^[0-9A-Za-z_-]*/.exec(alias[1])?.[0] ?? ''}' referenced`);
  if (/^name of an (alias|anchor) node must contain at least one character$/.test(r)) return scanner('did not find expected alphabetic or numeric character');
  if (r === 'the stream contains non-printable characters') return plain('control characters are not allowed');
  if (r === 'unknown escape sequence') return scanner('found unknown escape character');
  if (r === 'a line break is expected') return scanner('did not find expected comment or line break');
  if (r === 'directives end mark is expected') return parser('did not find expected <document start>');
  if (r === 'cannot merge mappings; the provided source object is unacceptable') return plain('map merge requires map or sequence of maps as the value');
  const tag = /^cannot resolve a node with !<tag:yaml\.org,2002:(\w+)> explicit tag$/.exec(r);
  if (tag) {
    const value = taggedScalarText(text, failure.nodeStart ?? offset, offset);
    return plain(`cannot decode ${shortTag(resolvePlainScalar(value)[0])} \`${value}\` as a !!${tag[1]}`);
  }
  return scanner(r);
}
