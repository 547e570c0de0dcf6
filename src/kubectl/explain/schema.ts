// The shape of explain's content: a field's type as kubectl prints it (`<integer>`, `<[]Object>`,
// `<PodSpec>`), whether the schema marks it required, its enum values, its description in English
// and Chinese (our own words), and its sub-fields.

export interface FieldDoc {
  /** What kubectl prints between the angle brackets. */
  type: string;
  en: string;
  zh: string;
  required?: boolean;
  enum?: string[];
  fields?: Record<string, FieldDoc>;
}

export interface ResourceDoc {
  group: string;
  kind: string;
  version: string;
  en: string;
  zh: string;
  fields: Record<string, FieldDoc>;
}

/** A field: `field('integer', 'English', '中文', { required: true })`. */
export function field(type: string, en: string, zh: string, more: Partial<Pick<FieldDoc, 'required' | 'enum' | 'fields'>> = {}): FieldDoc {
  return { type, en, zh, ...more };
}
