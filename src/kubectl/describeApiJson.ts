// A stored object as the API server would send it: the simulator keeps times as virtual seconds,
// the API writes them as RFC 3339 text (metav1.Time, whole seconds). Everything else is already in
// its JSON shape.
import { toRFC3339 } from '../sim/api/virtualTime';

const TIME_FIELDS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'lastTransitionTime',
  'lastUpdateTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'firstTimestamp',
  'lastTimestamp',
]);

/** A deep copy with time fields as RFC 3339 strings and undefined fields left out. */
export function apiJsonOf(value: unknown, key = ''): unknown {
  if (typeof value === 'number' && TIME_FIELDS.has(key)) return toRFC3339(value);
  if (Array.isArray(value)) return value.map((v) => apiJsonOf(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = apiJsonOf(v, k);
    return out;
  }
  return value;
}
