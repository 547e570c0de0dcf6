// Pieces every describer shares, in kubectl's layout (k8s.io/kubectl pkg/describe): labels and
// annotations on continuation lines, RFC 1123 times, the Events table with client-go's folded
// counts ("23s (x2 over 58m)"), and the field labels of the generic (CRD) describer.
import type { KubeEvent, Labels } from '../sim/api/types';
import { civilFromDays, VIRTUAL_EPOCH_UNIX_SECONDS } from '../sim/api/virtualTime';
import { humanDuration } from './humanDuration';
import type { PrefixWriter } from './describeWriter';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: "Wed, 01 Jul 2026 00:01:35 +0000". */
export function rfc1123z(virtualSeconds: number): string {
  const unix = VIRTUAL_EPOCH_UNIX_SECONDS + Math.floor(virtualSeconds);
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  const [year, month, day] = civilFromDays(days);
  const weekday = DAYS[(((days + 4) % 7) + 7) % 7];
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}`;
  return `${weekday}, ${pad2(day)} ${MONTHS[month - 1]} ${year} ${time} +0000`;
}

/**
 * translateTimestampSince: the age of a stored timestamp. The API keeps whole seconds, so the
 * stored time is the virtual time floored.
 */
export function ageSince(virtualSeconds: number | undefined, now: number): string {
  if (virtualSeconds === undefined) return '<unknown>';
  return humanDuration(now - Math.floor(virtualSeconds));
}

/** printLabelsMultiline: `Labels:  a=b` then `\t c=d` continuation lines, `<none>` when empty. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Labels | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels?.[key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: `key: value`, long or multi-line values on their own lines, shortened. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        w.write(0, `${indent}  ${short}\n`);
      }
    } else w.write(0, `${key}: ${value}\n`);
  });
}

/** The events kubectl's searchEvents finds for an object: same kind (when given), name and namespace. */
export function eventsFor(events: readonly KubeEvent[], kind: string | undefined, name: string, namespace: string | undefined): KubeEvent[] {
  return events.filter(
    (e) =>
      e.involvedObject.name === name &&
      (kind === undefined || e.involvedObject.kind === kind) &&
      (e.involvedObject.namespace ?? e.metadata.namespace ?? 'default') === (namespace ?? 'default'),
  );
}

/** The Age column of describe's events: first sighting, or `last (xN over first)` for folded ones. */
export function eventInterval(e: KubeEvent, now: number): string {
  const first = ageSince(e.firstTimestamp, now);
  return e.count > 1 ? `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
}

/** DescribeEvents: the table sorted by last timestamp (kept in creation order among equals). */
export function describeEvents(w: PrefixWriter, events: readonly KubeEvent[] | undefined, now: number): void {
  // --show-events=false: no section at all
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Math.floor(a.e.lastTimestamp) - Math.floor(b.e.lastTimestamp) || a.i - b.i)
    .map((x) => x.e);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    w.write(1, `${e.type}\t${e.reason}\t${eventInterval(e, now)}\t${e.source.component}\t${e.message.trim()}\n`);
  }
}

const COMMON_ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** github.com/fatih/camelcase Split: runs of lower, upper, digit and other characters. */
export function camelcaseSplit(src: string): string[] {
  const classOf = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const c = classOf(ch);
    if (c === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  // "PDFL", "oader" → "PDF", "Loader"
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i][0]) && /\p{Ll}/u.test(runs[i + 1][0])) {
      runs[i + 1].unshift(runs[i].pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `observedGeneration` → `Observed Generation`, `apiVersion` → `API Version`. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (COMMON_ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

/** Go's `%v` of a JSON value inside an unstructured object. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return String(v);
}

/** printUnstructuredContent: every field, sorted, nested maps and lists one level deeper. */
export function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: readonly string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (skip.includes(path)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.map(goValue).join(' ')}]` : goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
  }
}
