// Just enough YAML highlighting for a read-only widget without the editor: keys, comments,
// strings, numbers and booleans, list dashes and document markers, line by line.
export type TokenKind = 'key' | 'comment' | 'string' | 'number' | 'bool' | 'punct' | 'text';
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEY = /^(\s*(?:-\s+)*)([^\s#'"{}[\],&*!|>%@`][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)/;

function valueTokens(text: string): Token[] {
  const before = text.search(/(^|\s)#/);
  const hash = before < 0 || text[before] === '#' ? before : before + 1;
  const value = hash < 0 ? text : text.slice(0, hash);
  const comment = hash < 0 ? '' : text.slice(hash);
  const out: Token[] = [];
  const m = /^(\s*)(.*?)(\s*)$/.exec(value) as RegExpExecArray;
  if (m[1]) out.push({ kind: 'text', text: m[1] });
  const v = m[2];
  if (v) {
    let kind: TokenKind = 'text';
    if (/^(['"]).*\1$/.test(v)) kind = 'string';
    else if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v)) kind = 'number';
    else if (/^(true|false|null|~|yes|no)$/i.test(v)) kind = 'bool';
    else if (/^[|>][-+]?\d*$/.test(v) || /^[[\]{},]+$/.test(v)) kind = 'punct';
    else kind = 'string';
    out.push({ kind, text: v });
  }
  if (m[3]) out.push({ kind: 'text', text: m[3] });
  if (comment) out.push({ kind: 'comment', text: comment });
  return out;
}

/** The tokens of one line of YAML. Joining their texts gives the line back. */
export function tokenizeYamlLine(line: string): Token[] {
  if (/^\s*#/.test(line)) return [{ kind: 'comment', text: line }];
  if (/^(---|\.\.\.)\s*$/.test(line)) return [{ kind: 'punct', text: line }];
  const key = KEY.exec(line);
  if (key) {
    const out: Token[] = [];
    const lead = key[1];
    const dash = lead.search(/-/);
    if (dash >= 0) {
      if (dash > 0) out.push({ kind: 'text', text: lead.slice(0, dash) });
      out.push({ kind: 'punct', text: lead.slice(dash) });
    } else if (lead) out.push({ kind: 'text', text: lead });
    out.push({ kind: 'key', text: key[2] }, { kind: 'punct', text: ':' });
    return [...out, ...valueTokens(line.slice(key[0].length))];
  }
  const item = /^(\s*)(-)(\s.*|$)/.exec(line);
  if (item) {
    const out: Token[] = [];
    if (item[1]) out.push({ kind: 'text', text: item[1] });
    out.push({ kind: 'punct', text: '-' });
    return [...out, ...valueTokens(item[3])];
  }
  return valueTokens(line);
}

export function tokenizeYaml(text: string): Token[][] {
  return text.split('\n').map(tokenizeYamlLine);
}
