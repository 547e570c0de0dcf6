// SPEC §11.1: the pod QoS class (Kubernetes qos.GetPodQOS), which an in-place resource resize must
// not change. Only cpu and memory count; zero or negative quantities are ignored; init containers
// count like regular ones.
import type { Container, PodSpec } from '../api/types';
import { parseQuantity } from '../api/quantity';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function addPositive(totals: Map<string, bigint>, list: Record<string, string> | undefined, seen?: Set<string>): void {
  for (const [name, text] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const q = parseQuantity(text);
    if (q <= 0n) continue;
    seen?.add(name);
    totals.set(name, (totals.get(name) ?? 0n) + q);
  }
}

export function getPodQOS(spec: PodSpec): PodQOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of containers) {
    addPositive(requests, c.resources?.requests);
    const limited = new Set<string>();
    addPositive(limits, c.resources?.limits, limited);
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
