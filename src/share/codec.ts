// Share links (DESIGN.md "Share links"): a version-1 state as JSON, deflate-compressed with the
// platform's CompressionStream and base64url-encoded, in the URL hash as `#v1=…`. Decoding
// never throws: it says what is wrong (too long, damaged, not a state, a version we do not know).
import { readShareState, ShareFormatError, type ShareStateV1 } from './shareState';

/** Longest `v1=…` fragment a link may carry: 16 KB keeps URLs within what chat apps and browsers pass on. */
export const MAX_LINK_CHARS = 16 * 1024;
/** Longest fragment a share file may carry. */
export const MAX_FILE_CHARS = 4 * 1024 * 1024;
/** Most bytes a payload may inflate to (a small payload must not inflate into a huge one). */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export type ShareProblem =
  /** Longer than the limit. */
  | 'oversized'
  /** Not base64url, or the compressed data is cut off or altered. */
  | 'damaged'
  /** Decodes, but is not a share state. */
  | 'malformed'
  /** A version this build does not know. */
  | 'unknown-version';

export type DecodeResult = { ok: true; state: ShareStateV1 } | { ok: false; problem: ShareProblem; detail: string };

const PREFIX = /^v(\d+)=/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError('inflates beyond the limit');
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment (without '#') that carries the state: `v1=…`. */
export async function encodeShareFragment(state: ShareStateV1): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `v1=${toBase64Url(await pipe(json, new CompressionStream('deflate')))}`;
}

/** Whether a URL hash (with or without '#') looks like a share link at all. */
export function isShareFragment(hash: string): boolean {
  return PREFIX.test(hash.replace(/^#/, ''));
}

/** Reads a `v1=…` fragment (a URL hash, with or without '#', or a share file's text). */
export async function decodeShareFragment(fragment: string, maxChars = MAX_LINK_CHARS): Promise<DecodeResult> {
  const text = fragment.trim().replace(/^#/, '');
  if (text.length > maxChars) return { ok: false, problem: 'oversized', detail: `${text.length} characters, more than ${maxChars}` };
  const m = PREFIX.exec(text);
  if (!m) return { ok: false, problem: 'malformed', detail: 'not a v1=… share fragment' };
  if (m[1] !== '1') return { ok: false, problem: 'unknown-version', detail: `version ${m[1]}` };
  const payload = text.slice(m[0].length);
  if (!BASE64URL.test(payload) || payload.length % 4 === 1 || payload.length === 0) return { ok: false, problem: 'damaged', detail: 'not base64url' };
  let json: string;
  try {
    const bytes = await pipe(fromBase64Url(payload), new DecompressionStream('deflate'), MAX_JSON_BYTES);
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problem: 'oversized', detail: `inflates to more than ${MAX_JSON_BYTES} bytes` };
    return { ok: false, problem: 'damaged', detail: 'the compressed data is cut off or altered' };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'malformed', detail: 'not JSON' };
  }
  const v = (value as { v?: unknown } | null)?.v;
  if (v !== 1 && typeof value === 'object' && value !== null && v !== undefined) return { ok: false, problem: 'unknown-version', detail: `version ${JSON.stringify(v)}` };
  try {
    return { ok: true, state: readShareState(value) };
  } catch (e) {
    if (e instanceof ShareFormatError) return { ok: false, problem: 'malformed', detail: e.message };
    throw e;
  }
}
