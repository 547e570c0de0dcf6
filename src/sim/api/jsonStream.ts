// kubectl reads input that starts with `{` as a stream of JSON values (encoding/json's Decoder),
// not as YAML. This finds the values and, for broken JSON, words the error as Go's scanner does:
// `json: offset 9: invalid character '}' looking for beginning of object key string`, the offset
// counting the bytes read up to and including the offending one; a value cut short is
// `unexpected EOF`.
import { utf8Length } from './goYaml';

export interface JsonStreamValue {
  /** The value's text. */
  text: string;
  /** Offset of its first character in the input. */
  start: number;
}

export class JsonStreamError extends Error {
  constructor(
    message: string,
    /** Offset (in the input text) of the offending character. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Go's quoteChar: the character in single quotes, escaped like a Go string. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c).slice(1, -1);
  return `'${q}'`;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits a JSON stream into its top-level values; throws JsonStreamError like Go's decoder. */
export function readJsonStream(input: string): JsonStreamValue[] {
  let i = 0;
  const fail = (context: string): never => {
    if (i >= input.length) throw new JsonStreamError('unexpected EOF', input.length);
    throw new JsonStreamError(`json: offset ${utf8Length(input.slice(0, i + 1))}: invalid character ${quoteChar(input[i])} ${context}`, i);
  };
  const ws = () => {
    while (i < input.length && isSpace(input[i])) i++;
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (input[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const digits = (context: string) => {
    if (!/[0-9]/.test(input[i] ?? '')) fail(context);
    while (/[0-9]/.test(input[i] ?? '')) i++;
  };
  const number = () => {
    if (input[i] === '-') i++;
    if (input[i] === '0') i++;
    else digits('in numeric literal');
    if (input[i] === '.') {
      i++;
      digits('after decimal point in numeric literal');
    }
    if (input[i] === 'e' || input[i] === 'E') {
      i++;
      if (input[i] === '+' || input[i] === '-') i++;
      digits('in exponent of numeric literal');
    }
  };
  const string = () => {
    i++;
    for (;;) {
      const c = input[i];
      if (c === undefined) fail('');
      if (c === '"') break;
      if (c < ' ') fail('in string literal');
      if (c === '\\') {
        i++;
        const e = input[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(input[i] ?? '')) fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('in string escape code');
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = input[i];
    if (c === '{') {
      i++;
      ws();
      if (input[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (input[i] !== '"') fail('looking for beginning of object key string');
        string();
        ws();
        if (input[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (input[i] === ',') {
          i++;
          continue;
        }
        if (input[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (input[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (input[i] === ',') {
          i++;
          continue;
        }
        if (input[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail('looking for beginning of value');
  };
  const values: JsonStreamValue[] = [];
  for (;;) {
    ws();
    if (i >= input.length) return values;
    const start = i;
    value();
    values.push({ text: input.slice(start, i), start });
  }
}
