// The CloneSet JSON Schema in one language: the shape (shape.ts) with our descriptions
// (descriptions.ts) attached by field path. Paths are dotted from the document root
// (`spec.updateStrategy.partition`), array items add `[]` (`spec.updateStrategy.scatterStrategy[].key`),
// and fields of a shared definition start with its name (`Container.image`).
import { CLONESET_SHAPE, DEFINITIONS, type Shape } from './shape';
import { DESCRIPTIONS, type Lang } from './descriptions';

export type { Lang } from './descriptions';

export interface JsonSchema extends Shape {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  definitions?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

/** Every described path of the shape, in walk order (the descriptions table must cover exactly these). */
export function describedPaths(): string[] {
  const out: string[] = [];
  walk(CLONESET_SHAPE, '', (_s, path) => out.push(path));
  for (const [name, def] of Object.entries(DEFINITIONS)) walk(def, name, (_s, path) => path !== name && out.push(path));
  return out;
}

function walk(shape: Shape, path: string, visit: (shape: Shape, path: string) => void): void {
  if (path !== '') visit(shape, path);
  for (const [key, child] of Object.entries(shape.properties ?? {})) walk(child, path === '' ? key : `${path}.${key}`, visit);
  if (shape.items) walkItems(shape.items, `${path}[]`, visit);
}

// Array items are not described themselves (their array is); their fields are.
function walkItems(items: Shape, path: string, visit: (shape: Shape, path: string) => void): void {
  for (const [key, child] of Object.entries(items.properties ?? {})) walk(child, `${path}.${key}`, visit);
  if (items.items) walkItems(items.items, `${path}[]`, visit);
}

function describe(shape: Shape, path: string, lang: Lang, isItems = false): JsonSchema {
  const out: JsonSchema = { ...shape } as JsonSchema;
  const text = isItems || path === '' ? undefined : DESCRIPTIONS[path]?.[lang];
  if (text) out.description = text;
  if (shape.properties) {
    out.properties = {};
    for (const [key, child] of Object.entries(shape.properties)) {
      out.properties[key] = describe(child, path === '' ? key : `${path}.${key}`, lang);
    }
  }
  if (shape.items) out.items = describe(shape.items, `${path}[]`, lang, true);
  return out;
}

const TITLE: Record<Lang, string> = { en: 'CloneSet (apps.kruise.io/v1alpha1)', zh: 'CloneSet（apps.kruise.io/v1alpha1）' };

/** The schema monaco-yaml and the tests use, with descriptions in `lang`. */
export function cloneSetSchema(lang: Lang): JsonSchema {
  const root = describe(CLONESET_SHAPE, '', lang);
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(DEFINITIONS)) definitions[name] = describe(def, name, lang);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://cloneset-playground.local/schema/cloneset.${lang}.json`,
    title: TITLE[lang],
    ...root,
    definitions,
  };
}
