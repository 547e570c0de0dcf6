// Field errors as the Kubernetes API reports them (SPEC §2): apimachinery's field.Error and
// field.ErrorList (v0.32), and the text an admission webhook denial carries.
// - One error prints as `<field>: <Type>: <value>: <detail>`; Required, Forbidden, TooLong and
//   Internal omit the value.
// - The value is printed the way Go's fmt prints it: numbers and booleans plainly, strings
//   Go-quoted, everything else in Go syntax (`map[string]string{"a":"b"}`), which callers pass
//   pre-rendered as a GoLiteral (see goSyntax helpers below).
// - A list prints as its single error, or as `[e1, e2]` with exact duplicates dropped.

/** A value rendered in Go's %#v syntax, e.g. `[]string{"p0", "p0"}`. */
export interface GoLiteral {
  goSyntax: string;
}

/** What the error shows as the bad value; `null` prints as `null` (a nil pointer). */
export type BadValue = string | number | boolean | null | GoLiteral;

export type FieldErrorType =
  | 'NotFound'
  | 'Required'
  | 'Duplicate'
  | 'Invalid'
  | 'NotSupported'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'Internal';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with [index] / [key] subscripts, e.g. `spec.template.spec.containers[0].name`. */
  field: string;
  /** Absent for the types that never print a value (Required, Forbidden, TooLong, Internal). */
  value?: BadValue;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  NotFound: 'Not found',
  Required: 'Required value',
  Duplicate: 'Duplicate value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
};

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return { type: 'Invalid', field, value, detail };
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required', field, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

export function duplicate(field: string, value: BadValue): FieldError {
  return { type: 'Duplicate', field, value, detail: '' };
}

export function notFound(field: string, value: BadValue): FieldError {
  return { type: 'NotFound', field, value, detail: '' };
}

/** field.NotSupported: the detail lists the supported values, each Go-quoted. */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { type: 'NotSupported', field, value, detail };
}

/** field.TooLong (v0.32): the value is never shown, only the limit in bytes. */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'TooLong', field, detail };
}

/** Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const valueless = e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'Internal';
  if (!valueless) s += `: ${formatBadValue(e.value ?? null)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** Error.Error(): `<field>: <body>`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** ErrorList.ToAggregate().Error(): one message, or `[m1, m2, …]` without repeated messages. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(errorString))];
  if (messages.length === 1) return messages[0];
  return `[${messages.join(', ')}]`;
}

/** The text the API server returns when a validating webhook rejects a request. */
export function webhookDenialMessage(webhookName: string, errors: readonly FieldError[]): string {
  return `admission webhook "${webhookName}" denied the request: ${aggregateMessage(errors)}`;
}

function formatBadValue(v: BadValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.goSyntax;
}

// ---- Go value rendering -------------------------------------------------------------------

/** strconv.Quote: double quotes, Go escapes, printable non-ASCII kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (isGoPrintable(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

// unicode.IsPrint, close enough for user input: no C0/C1 controls, no line/paragraph
// separators, no lone surrogates, no BOM.
function isGoPrintable(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp < 0xa0) return false;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return true;
}

function sortedKeys(m: Record<string, string>): string[] {
  return Object.keys(m).sort();
}

/** %#v of a map[string]string (fmt prints map keys sorted). `undefined` is a nil map. */
export function goMapSyntax(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  return `map[string]string{${sortedKeys(m).map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

/** %#v of a []string. `undefined` is a nil slice. */
export function goStringSliceSyntax(list: readonly string[] | undefined | null): string {
  if (!list) return '[]string(nil)';
  return `[]string{${list.map(goQuote).join(', ')}}`;
}

/** %#v of an intstr.IntOrString value (Type 0 = int, 1 = string). */
export function goIntOrStringSyntax(v: number | string): string {
  return typeof v === 'number'
    ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`
    : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
}

export function goLiteral(goSyntax: string): GoLiteral {
  return { goSyntax };
}
