// kubectl's non-table printers: -o yaml (sigs.k8s.io/yaml: keys sorted, lists flush with their
// key, strings that would read as something else in double quotes), -o json (encoding/json with a
// four-space indent, sorted keys, <>& escaped), -o name, -o jsonpath=…, -o custom-columns=….
import yaml from 'js-yaml';
import type { Json, JsonObject } from '../apiObject';
import { findValues, goJsonMarshal, goPrint, JsonPathError, parseJsonPath, relaxedJsonPath, valueText } from '../jsonpath';
import { TabWriter } from '../tabwriter';

export function toYaml(obj: Json): string {
  return yaml.dump(obj, { sortKeys: true, noArrayIndent: true, lineWidth: -1, quotingType: '"', noRefs: true });
}

/** json.MarshalIndent(obj, "", "    ") plus the printer's newline. */
export function toJson(obj: Json): string {
  const walk = (v: Json, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const inner = indent + '    ';
      return `[\n${v.map((x) => inner + walk(x, inner)).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort();
      if (keys.length === 0) return '{}';
      const inner = indent + '    ';
      return `{\n${keys.map((k) => `${inner}${goJsonMarshal(k)}: ${walk(v[k], inner)}`).join(',\n')}\n${indent}}`;
    }
    return goJsonMarshal(v);
  };
  return `${walk(obj, '')}\n`;
}

/** `-o jsonpath=…`: the template over the object (or List); errors in kubectl's words. */
export function printJsonPath(template: string, data: JsonObject, allowMissingKeys: boolean): { out: string } | { error: string } {
  let parsed;
  try {
    parsed = parseJsonPath(template, { allowMissingKeys });
  } catch (e) {
    if (e instanceof JsonPathError) return { error: `error: error parsing jsonpath ${template}, ${e.message}\n` };
    throw e;
  }
  try {
    return { out: parsed.execute(data) };
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    const detail =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goPrint(data)}\n\n`;
    return { error: `error: error executing jsonpath ${JSON.stringify(template)}: ${detail}\n` };
  }
}

export interface CustomColumn {
  header: string;
  path: string;
}

/** Parses `HEADER:PATH,…`; throws Error with kubectl's message. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const path = relaxedJsonPath(part.slice(colon + 1));
    parseJsonPath(path);
    return { header: part.slice(0, colon), path };
  });
}

/** Rows of a custom-columns table: `<none>` for nothing found, several values comma-joined. */
export function printCustomColumns(columns: readonly CustomColumn[], items: readonly JsonObject[], noHeaders: boolean, writer = new TabWriter()): string {
  if (!noHeaders) writer.write(`${columns.map((c) => c.header).join('\t')}\n`);
  for (const item of items) {
    const cells = columns.map((c) => {
      const values = findValues(c.path, item);
      return values.length === 0 ? '<none>' : values.map(valueText).join(',');
    });
    writer.write(`${cells.join('\t')}\n`);
  }
  return writer.flush();
}
