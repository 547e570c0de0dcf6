// `kubectl explain RESOURCE[.FIELD…] [--recursive]` in the layout of kubectl's explain v2 plaintext
// template: GROUP/KIND/VERSION, `FIELD: name <type>` for a field, DESCRIPTION wrapped at 76
// columns and indented 4, FIELDS each as `  name\t<type>` with its description. The descriptions
// are ours (explain/*.ts), in the page's language.
import { flag, parseFlags, type FlagSpec } from './args';
import type { KubectlResult, VerbContext } from './readVerbs';
import { resolveResource, type ResourceKind } from './resources';
import type { FieldDoc, ResourceDoc } from './explain/schema';
import { cloneSetDoc } from './explain/cloneset';
import { podDoc } from './explain/pod';

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

/** The kinds explain has field descriptions for (completion walks the same documents). */
export const EXPLAIN_DOCS: Partial<Record<ResourceKind, ResourceDoc>> = { CloneSet: cloneSetDoc, Pod: podDoc };

export const EXPLAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'recursive', kind: 'bool' },
  { name: 'api-version', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
];

/** goutils.WrapCustom(str, width, "\n", false): break at the last space that fits; long words stay whole. */
export function wrapWords(str: string, width: number): string {
  if (str === '') return '';
  let offset = 0;
  const out: string[] = [];
  while (str.length - offset > width) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const space = str.slice(offset, offset + width + 1).lastIndexOf(' ');
    if (space >= 0) {
      out.push(str.slice(offset, offset + space), '\n');
      offset += space + 1;
    } else {
      const next = str.indexOf(' ', offset + width);
      if (next < 0) {
        out.push(str.slice(offset));
        offset = str.length;
      } else {
        out.push(str.slice(offset, next), '\n');
        offset = next + 1;
      }
    }
  }
  out.push(str.slice(offset));
  return out.join('');
}

const isWide = (ch: string) => /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch);

/** Chinese text has no spaces to break at: break between wide characters, counting them as two columns. */
export function wrapColumns(str: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of str.split('\n')) {
    let line = '';
    let cols = 0;
    // tokens: a run of narrow non-space characters, a single wide character, or a space
    for (const token of paragraph.match(/[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s|./gu) ?? []) {
      const w = [...token].reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0);
      if (cols + w > width && line.trim() !== '') {
        lines.push(line.trimEnd());
        line = token === ' ' ? '' : token;
        cols = token === ' ' ? 0 : w;
      } else {
        line += token;
        cols += w;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** sprig's indent: pad the start and every line after a newline. */
const indent = (text: string, n: number) => ' '.repeat(n) + text.split('\n').join('\n' + ' '.repeat(n));

function describeText(doc: { en: string; zh: string }, lang: 'en' | 'zh', width: number): string {
  return lang === 'zh' ? wrapColumns(doc.zh, width) : wrapWords(doc.en, width);
}

function enumShort(values: string[] | undefined, indentAmount: number): string {
  if (!values?.length) return '';
  const shown = values.slice(0, 4).map((v) => (v === '' ? '""' : v));
  return `\n${' '.repeat(indentAmount)}enum: ${shown.join(', ')}${values.length > 4 ? ', ....' : ''}`;
}

function fieldList(fields: Record<string, FieldDoc>, level: number, recursive: boolean, lang: 'en' | 'zh'): string {
  const out: string[] = [];
  for (const name of Object.keys(fields).sort()) {
    const f = fields[name];
    const pad = level * 2;
    out.push(`${' '.repeat(pad)}${name}\t<${f.type}>${f.required ? ' -required-' : ''}${enumShort(f.enum, pad)}\n`);
    if (!recursive) out.push(`${indent(describeText(f, lang, 78 - pad), pad + 2)}\n\n`);
    else if (f.fields) out.push(fieldList(f.fields, level + 1, true, lang));
  }
  return out.join('');
}

export function explain(ctx: VerbContext, words: string[]): KubectlResult {
  const flags = parseFlags(words, EXPLAIN_FLAGS, 'explain');
  const output = flag.str(flags, 'output') ?? 'plaintext';
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') return fail(`error: unsupported output format "${output}"; supported formats: plaintext, plaintext-openapiv2`);
  if (flags.positional.length === 0) {
    return fail('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (flags.positional.length > 1) return fail(`error: We accept only this format: explain RESOURCE`);
  const [resourceWord, ...path] = flags.positional[0].split('.');
  const resource = resolveResource(resourceWord);
  if (!resource) return fail(`error: the server doesn't have a resource type "${resourceWord}"`);
  const doc = EXPLAIN_DOCS[resource.kind];
  if (!doc) return fail(`error: explain here covers clonesets and pods; "${resource.plural}" has no field descriptions`);
  const lang = ctx.lang ?? 'en';
  const recursive = flag.bool(flags, 'recursive');
  let current: { en: string; zh: string; fields?: Record<string, FieldDoc> } = doc;
  let heading = '';
  for (const [i, name] of path.entries()) {
    const next = current.fields?.[name];
    if (!next) return fail(`error: field "${name}" does not exist`);
    if (i === path.length - 1) heading = `FIELD: ${name} <${next.type}>\n${next.enum?.length ? `ENUM:${next.enum.map((v) => `\n    ${v === '' ? '""' : v}`).join('')}` : ''}\n\n`;
    current = next;
  }
  const lines: string[] = [];
  if (doc.group) lines.push(`GROUP:      ${doc.group}\n`);
  lines.push(`KIND:       ${doc.kind}\n`, `VERSION:    ${doc.version}\n`, '\n', heading);
  lines.push('DESCRIPTION:\n', `${indent(describeText(current, lang, 76) + '\n', 4)}\n`);
  if (current.fields && Object.keys(current.fields).length > 0) lines.push('FIELDS:\n', fieldList(current.fields, 1, recursive, lang));
  lines.push('\n');
  return { exitCode: 0, stdout: lines.join('').replace(/\n$/, ''), stderr: '' };
}
