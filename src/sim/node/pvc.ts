// Dynamic provisioning, reduced to its visible effect (SPEC §14, §21): a new claim becomes Bound
// `pvcBindSeconds` after it appears, with the requested storage as its capacity. Pods waiting on
// the claim are then retried by the scheduler (through `onBound`). No events are recorded: the
// cluster's event list stays about pods and CloneSets.
import type { PersistentVolumeClaim } from '../api/types';
import type { TimerId } from '../clock';
import type { NodeHost } from './host';
import type { NodeClock } from './nodeClock';

interface PendingClaim {
  namespace: string;
  name: string;
  uid: string | undefined;
  at: number;
  timer: TimerId;
}

export class PvcProvisioner {
  private readonly pending = new Map<string, PendingClaim>();

  constructor(
    private readonly host: NodeHost,
    private readonly clock: NodeClock,
    private readonly onBound: (namespace: string, name: string) => void,
  ) {}

  pvcAdded(pvc: PersistentVolumeClaim): void {
    if (pvc.status?.phase === 'Bound' || pvc.metadata.deletionTimestamp !== undefined) return;
    const namespace = pvc.metadata.namespace ?? '';
    const key = `${namespace}/${pvc.metadata.name}`;
    const old = this.pending.get(key);
    if (old) this.clock.clearTimeout(old.timer);
    const seconds = this.host.timings.pvcBindSeconds;
    const timer = this.clock.setTimeout(() => this.bind(key), seconds * 1000);
    this.pending.set(key, { namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, at: this.host.now() + seconds, timer });
  }

  describe(): { claim: string; bindsAt: number }[] {
    return [...this.pending.values()].map((p) => ({ claim: `${p.namespace}/${p.name}`, bindsAt: p.at }));
  }

  private bind(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    const pvc = this.host.getPvc(p.namespace, p.name);
    if (!pvc || pvc.metadata.uid !== p.uid || pvc.status?.phase === 'Bound') return;
    const storage = pvc.spec.resources?.requests?.storage;
    this.host.writePvcStatus(p.namespace, p.name, { phase: 'Bound', ...(storage ? { capacity: { storage } } : {}) });
    this.onBound(p.namespace, p.name);
  }
}
