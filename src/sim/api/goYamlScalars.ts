// How kubectl's YAML reader (sigs.k8s.io/yaml on go-yaml v2) turns plain scalars into values,
// as a js-yaml schema. go-yaml v2 follows YAML 1.1 here, unlike js-yaml's default YAML 1.2 core
// schema, and the difference is visible to a learner:
// - `yes`, `no`, `on`, `off`, `y`, `n` (any of their capitalisations listed below) are booleans,
//   so `paused: yes` is accepted and an env `value: on` is refused as a bool;
// - `0755` is octal (493), `0x1F`, `0o17`, `0b11` are integers, `1_000` is 1000, `08` is 8.0;
// - timestamps stay strings; `.inf`/`.nan` are floats (which the JSON conversion then refuses);
// - quoted scalars are never resolved; unknown tags (`!foo 3`, `!!foo x`) leave the text a string;
// - an explicit tag that does not fit (`!!int abc`) is refused, as go-yaml does.
import yaml from 'js-yaml';

export type ResolvedTag = 'null' | 'bool' | 'int' | 'float' | 'str';

const BOOL_TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const BOOL_FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULLS = ['', '~', 'null', 'Null', 'NULL'];
const SPECIAL = new Map<string, [ResolvedTag, unknown]>([
  ...BOOL_TRUE.map((s): [string, [ResolvedTag, unknown]] => [s, ['bool', true]]),
  ...BOOL_FALSE.map((s): [string, [ResolvedTag, unknown]] => [s, ['bool', false]]),
  ...NULLS.map((s): [string, [ResolvedTag, unknown]] => [s, ['null', null]]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, [ResolvedTag, unknown]] => [s, ['float', NaN]]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, [ResolvedTag, unknown]] => [s, ['float', Infinity]]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, [ResolvedTag, unknown]] => [s, ['float', -Infinity]]),
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b prefixes; a leading 0 means octal). */
function parseGoInteger(s: string, signed: boolean): bigint | undefined {
  let body = s;
  let negative = false;
  if (signed && (body.startsWith('+') || body.startsWith('-'))) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  let digits: RegExp;
  let prefix = '';
  if (/^0[xX]/.test(body)) [digits, prefix, body] = [/^[0-9a-fA-F]+$/, '0x', body.slice(2)];
  else if (/^0[oO]/.test(body)) [digits, prefix, body] = [/^[0-7]+$/, '0o', body.slice(2)];
  else if (/^0[bB]/.test(body)) [digits, prefix, body] = [/^[01]+$/, '0b', body.slice(2)];
  else if (/^0[0-9]/.test(body)) [digits, prefix, body] = [/^[0-7]+$/, '0o', body.slice(1)];
  else digits = /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let value = BigInt(prefix + body);
  if (negative) value = -value;
  if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) return undefined;
  return value;
}

const toNumber = (v: bigint): number => (v === 0n ? 0 : Number(v));

/** go-yaml v2's resolve() for a plain scalar: its tag and value. */
export function resolvePlainScalar(text: string): [ResolvedTag, unknown] {
  const first = text.charAt(0);
  const special = SPECIAL.get(text);
  if (special) return special;
  if (first === '.') {
    if (YAML_STYLE_FLOAT.test(text)) {
      const v = Number(text);
      if (Number.isFinite(v)) return ['float', v];
    }
    return ['str', text];
  }
  if (/[0-9+-]/.test(first)) {
    const plain = text.replace(/_/g, '');
    const signed = parseGoInteger(plain, true);
    if (signed !== undefined) return ['int', toNumber(signed)];
    const unsigned = parseGoInteger(plain, false);
    if (unsigned !== undefined) return ['int', toNumber(unsigned)];
    if (YAML_STYLE_FLOAT.test(plain)) {
      const v = Number(plain);
      if (Number.isFinite(v)) return ['float', v];
    }
  }
  return ['str', text];
}

/** Standard base64 (go-yaml decodes `!!binary` into a string). */
function decodeBase64(text: string): string | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => (clean[i + j] === '=' ? 0 : alphabet.indexOf(clean[i + j])));
    const triple = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    bytes.push((triple >> 16) & 255);
    if (clean[i + 2] !== '=') bytes.push((triple >> 8) & 255);
    if (clean[i + 3] !== '=') bytes.push(triple & 255);
  }
  return utf8Decode(bytes);
}

/** UTF-8 bytes to text; a malformed sequence becomes U+FFFD, as Go's JSON encoder writes it. */
function utf8Decode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0 && i + len <= bytes.length;
    for (let j = 1; ok && j < len; j++) {
      if ((bytes[i + j] & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (bytes[i + j] & 0x3f);
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i += 1;
    } else {
      out += String.fromCodePoint(cp);
      i += len;
    }
  }
  return out;
}

const scalarType = (tag: string, accept: (t: ResolvedTag) => boolean) =>
  new yaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string | null) => accept(resolvePlainScalar(data ?? '')[0]),
    construct: (data: string | null) => {
      const [t, v] = resolvePlainScalar(data ?? '');
      return t === 'int' && tag === 'float' ? Number(v) : v;
    },
  });

// Tags go-yaml accepts without resolving: the text (or the collection) is kept as it is.
const anyTag = (kind: 'scalar' | 'sequence' | 'mapping') =>
  new yaml.Type('', { kind, multi: true, resolve: () => true, construct: (data: unknown) => (kind === 'scalar' ? String(data ?? '') : data) });

/** The js-yaml schema that reads scalars as kubectl does. */
export const GO_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('null', (t) => t === 'null'),
    scalarType('bool', (t) => t === 'bool'),
    scalarType('int', (t) => t === 'int'),
    scalarType('float', (t) => t === 'float' || t === 'int'),
    new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (d: string | null) => d === '<<' || d === null }),
  ],
  explicit: [
    new yaml.Type('tag:yaml.org,2002:timestamp', { kind: 'scalar', resolve: (d: string | null) => /^\d{4}-\d{1,2}-\d{1,2}/.test(d ?? ''), construct: (d: string) => d }),
    new yaml.Type('tag:yaml.org,2002:binary', { kind: 'scalar', resolve: (d: string | null) => decodeBase64(d ?? '') !== undefined, construct: (d: string | null) => decodeBase64(d ?? '') }),
    anyTag('scalar'),
    anyTag('sequence'),
    anyTag('mapping'),
  ],
});

/** Go's short tag name for a resolved tag: `!!int`. */
export const shortTag = (t: ResolvedTag): string => `!!${t}`;
