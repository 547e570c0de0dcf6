// The CloneSet controller's shell (SPEC §5): a work queue on the virtual clock and a reconcile that
// is a short list of pure decisions, each applied to the store. Every choice is made in
// src/sim/controller; this file only lists, writes, records events and requeues.
import type { CloneSet, ControllerRevision, OwnerReference, PersistentVolumeClaim, Pod } from './api/types';
import type { VirtualClock, TimerId } from './clock';
import type { Rng } from './rng';
import type { EventInput } from './node/host';
import type { FeatureGates } from './controller/featureGates';
import { currentRevisionFromPods, type KruiseEra } from './controller/era';
import { objectKey, ObjectStore, StoreError, type WatchEvent } from './store';
import { isPodActive } from './controller/podState';
import { getActiveRevisions, truncateHistory } from './controller/revisions';
import { syncCloneSet, type SyncCloneSetPlan } from './controller/syncCloneSet';
import { calculateStatus } from './controller/status';
import { secondsUntilNextAvailable } from './controller/requeue';
import { cleanupPVCs } from './controller/pvcCleanup';
import type { ScaleWhy } from './controller/scaleStep';
import type { UpdateWhy } from './controller/updateStep';

export const CONTROLLER_SOURCE = Object.freeze({ component: 'cloneset-controller' } as const);

/** One reconcile's reasoning, kept for the "Why" panel. */
export interface Decision {
  time: number;
  cloneSet: string;
  step: 'scale' | 'update';
  why: ScaleWhy | UpdateWhy;
}

export interface ControllerContext {
  store: ObjectStore;
  clock: VirtualClock;
  rng: Rng;
  featureGates: FeatureGates;
  /** Which kruise release the controller behaves like (SPEC §18); default '1.9'. */
  kruiseEra?: KruiseEra;
  recordEvent(e: EventInput): void;
  recordDecision(d: Decision): void;
  /** Pods the namespace may hold (a ResourceQuota); creations beyond it fail. */
  podQuota: number;
  /** Delay between a change and the reconcile it triggers, in seconds. */
  reconcileDelaySeconds: number;
}

/** The controlling CloneSet reference (a plain loop: it runs for every pod of the namespace on every reconcile). */
function ownerOf(o: Pod | PersistentVolumeClaim | ControllerRevision): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller && refs[i].kind === 'CloneSet') return refs[i];
  return undefined;
}

const ownedBy = (cs: CloneSet) => (o: Pod | PersistentVolumeClaim | ControllerRevision) => ownerOf(o)?.uid === cs.metadata.uid;

export class CloneSetController {
  private queued = new Map<string, { at: number; timer: TimerId }>();
  private readonly subjects = new Map<string, EventInput['involvedObject']>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.store.watch((e) => this.onChange(e));
  }

  /** Reconciles waiting in the queue. */
  pending(): number {
    return this.queued.size;
  }

  private onChange(e: WatchEvent): void {
    if (e.kind === 'CloneSet') {
      this.enqueue(e.object.metadata.namespace ?? 'default', e.object.metadata.name);
    } else if (e.kind === 'Pod' || e.kind === 'PersistentVolumeClaim') {
      // kruise's PVC handler ignores updates of a claim that is not being deleted (binding, say).
      if (e.kind === 'PersistentVolumeClaim' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp === undefined) return;
      const owner = ownerOf(e.object as Pod | PersistentVolumeClaim);
      if (owner) this.enqueue(e.object.metadata.namespace ?? 'default', owner.name);
    }
  }

  /** Work-queue semantics: one pending reconcile per CloneSet, at the earliest time asked for. */
  enqueue(namespace: string, name: string, afterSeconds = this.ctx.reconcileDelaySeconds): void {
    const key = objectKey(namespace, name);
    const at = this.ctx.clock.now() + Math.max(0, afterSeconds) * 1000;
    const existing = this.queued.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.ctx.clock.clearTimeout(existing.timer);
    const timer = this.ctx.clock.setTimeout(() => {
      this.queued.delete(key);
      this.reconcile(namespace, name);
    }, at - this.ctx.clock.now());
    this.queued.set(key, { at, timer });
  }

  /** One reconcile (SPEC §5), numbered as there. */
  reconcile(namespace: string, name: string): void {
    const { store, clock } = this.ctx;
    const cs = store.get('CloneSet', namespace, name);
    if (!cs) return;
    const now = clock.seconds();
    const owned = ownedBy(cs);

    // 2–3. The CloneSet's active pods and live PVCs, as the whole reconcile sees them.
    const namespacePods = store.list('Pod', namespace);
    const ownedPods = namespacePods.filter(owned);
    const pods = ownedPods.filter(isPodActive);
    let pvcs = store.list('PersistentVolumeClaim', namespace).filter(owned).filter((p) => p.metadata.deletionTimestamp === undefined);
    if (cs.spec.scaleStrategy?.disablePVCReuse) pvcs = this.cleanupPVCs(pods, ownedPods.filter((p) => !isPodActive(p)), pvcs);
    const revisions = store.list('ControllerRevision', namespace).filter(owned);

    // 5. Revisions: write the update revision if it is new or reused.
    const era = this.ctx.kruiseEra ?? '1.9';
    const active = getActiveRevisions(cs, revisions);
    const updateRevision = this.writeRevision(active.change, active.updateRevision);
    const allRevisions = [...revisions.filter((r) => r.metadata.name !== updateRevision.metadata.name), updateRevision];
    // Before v0.8 there was no status.currentRevision: it is derived from the pods every time.
    const currentRevision = era === '0.7' ? currentRevisionFromPods(revisions, pods, updateRevision) : active.currentRevision;

    // 7. Sync: the scale step, and the update step when scaling changed nothing.
    const plan = syncCloneSet({
      cloneSet: cs,
      currentRevision,
      updateRevision,
      revisions: allRevisions,
      pods,
      pvcs,
      nodes: store.list('Node'),
      now,
      featureGates: this.ctx.featureGates,
      rng: this.ctx.rng,
      creationLimit: Math.max(0, this.ctx.podQuota - namespacePods.length) + 1,
      era,
    });
    const scaleError = this.apply(cs, plan, now);

    // 8. Status, from the pods as listed before this reconcile's own actions.
    const fresh = store.get('CloneSet', namespace, name) ?? cs;
    const status = calculateStatus(
      fresh,
      pods,
      { currentRevision: currentRevision.metadata.name, updateRevision: updateRevision.metadata.name, collisionCount: active.collisionCount },
      now,
      { scale: scaleError ?? plan.scale?.error, update: plan.update?.error },
      era,
    );
    // FailedScale/FailedUpdate alone do not make kruise write the status (SPEC §15.2).
    if (status.changed) store.update('CloneSet', { ...fresh, status: status.status });

    // 9. Prune podsToDelete of names that are no longer active pods (a spec write: generation + 1).
    this.prunePodsToDelete(namespace, name, pods);

    // 10. History.
    for (const r of truncateHistory(cs, pods, allRevisions, currentRevision.metadata.name, updateRevision.metadata.name)) {
      store.remove('ControllerRevision', namespace, r.metadata.name);
    }

    // 11. Requeue after the shortest pending delay.
    const delays = [plan.update?.requeueAfter, status.requeueAfter, secondsUntilNextAvailable(pods, cs.spec.minReadySeconds ?? 0, now)];
    const soonest = Math.min(...delays.filter((d): d is number => d !== undefined && d > 0));
    if (Number.isFinite(soonest)) this.enqueue(namespace, name, soonest);
  }

  /** disablePVCReuse: leftover claims go with their terminating pod, or now (SPEC §14). */
  private cleanupPVCs(active: Pod[], inactive: Pod[], pvcs: PersistentVolumeClaim[]): PersistentVolumeClaim[] {
    const { store } = this.ctx;
    const plan = cleanupPVCs(active, inactive, pvcs);
    for (const { pvc, pod } of plan.reown) {
      const ownerReferences = [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid ?? '', controller: false, blockOwnerDeletion: true }];
      store.update('PersistentVolumeClaim', { ...pvc, metadata: { ...pvc.metadata, ownerReferences } });
    }
    for (const pvc of plan.remove) store.remove('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name);
    return plan.active;
  }

  private writeRevision(change: ReturnType<typeof getActiveRevisions>['change'], revision: ControllerRevision): ControllerRevision {
    const { store } = this.ctx;
    if (change.kind === 'create') return store.create('ControllerRevision', { ...change.revision, metadata: { ...change.revision.metadata } });
    if (change.kind === 'update') return store.update('ControllerRevision', change.revision);
    return revision;
  }

  /** Applies a sync plan in kruise's order; returns the error of a failed creation, if any. */
  private apply(cs: CloneSet, plan: SyncCloneSetPlan, now: number): string | undefined {
    const { store } = this.ctx;
    const involvedObject = this.eventSubject(cs);
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      this.ctx.recordEvent({
        involvedObject,
        type,
        reason,
        message,
        source: CONTROLLER_SOURCE,
      });
    const csName = cs.metadata.name;
    for (const why of plan.scale?.why ?? []) this.ctx.recordDecision({ time: now, cloneSet: csName, step: 'scale', why });
    for (const why of plan.update?.why ?? []) this.ctx.recordDecision({ time: now, cloneSet: csName, step: 'update', why });

    let failure: string | undefined;
    const scale = plan.scale;
    if (scale) {
      const created = new Set<string>();
      const failed = this.createPods(scale.creations, scale.creationBatches, created);
      for (const e of scale.events) {
        if (e.reason === 'SuccessfulCreate' && !created.has(e.message.replace('succeed to create pod ', ''))) continue;
        event(e.type, e.reason, e.message);
      }
      // The event carries the pod; the FailedScale condition only the API server's error.
      if (failed) event('Warning', 'FailedCreate', `failed to create pod: ${failed.error}, pod: ${JSON.stringify(failed.pod)}`);
      failure = failed?.error;
      for (const change of scale.lifecycleChanges) this.writePod(change.pod);
      for (const pod of scale.podsToDelete) this.deletePod(pod, now);
      for (const pvc of scale.pvcsToDelete) store.remove('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name);
    }
    const update = plan.update;
    if (update) {
      for (const i of update.changed) this.writePod(update.pods[i]);
      for (const e of update.events) event(e.type, e.reason, e.message);
    }
    return failure;
  }

  /** The CloneSet as its events name it: one frozen object per CloneSet (the event recorder keys by it). */
  private eventSubject(cs: CloneSet): EventInput['involvedObject'] {
    const { name, namespace, uid } = cs.metadata;
    const key = uid ?? `${namespace ?? ''}/${name}`;
    const known = this.subjects.get(key);
    if (known && known.name === name && known.namespace === namespace) return known;
    const subject = Object.freeze({ kind: 'CloneSet', name, namespace, uid });
    this.subjects.set(key, subject);
    return subject;
  }

  /** Creates pods in slow-start batches; the first failure abandons the rest (kruise DoItSlowly). */
  private createPods(creations: NonNullable<SyncCloneSetPlan['scale']>['creations'], batches: number[], created: Set<string>): { error: string; pod: Pod } | undefined {
    const { store } = this.ctx;
    const namespace = creations[0]?.pod.metadata.namespace;
    let used = creations.length > 0 ? store.list('Pod', namespace).length : 0;
    let next = 0;
    for (const size of batches) {
      let failed: { error: string; pod: Pod } | undefined;
      for (const c of creations.slice(next, next + size)) {
        try {
          for (const pvc of c.pvcsToCreate) {
            if (!store.get('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name)) store.create('PersistentVolumeClaim', pvc);
          }
          this.checkQuota(c.pod, used);
          store.create('Pod', c.pod);
          used++;
          created.add(c.pod.metadata.name);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
          failed ??= { error: e.message, pod: c.pod };
        }
      }
      next += size;
      if (failed) return failed;
    }
    return undefined;
  }

  private checkQuota(pod: Pod, used: number): void {
    const limit = this.ctx.podQuota;
    if (used >= limit) {
      throw new StoreError(
        'Forbidden',
        `pods "${pod.metadata.name}" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=${used}, limited: pods=${limit}`,
      );
    }
  }

  private writePod(pod: Pod): void {
    if (this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name)) this.ctx.store.update('Pod', pod);
  }

  private deletePod(pod: Pod, now: number): void {
    const stored = this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
    if (!stored || stored.metadata.deletionTimestamp !== undefined) return;
    this.ctx.store.update('Pod', { ...stored, metadata: { ...stored.metadata, deletionTimestamp: now } });
  }

  private prunePodsToDelete(namespace: string, name: string, pods: readonly Pod[]): void {
    const cs = this.ctx.store.get('CloneSet', namespace, name);
    const list = cs?.spec.scaleStrategy?.podsToDelete;
    if (!cs || !list?.length) return;
    const live = new Set(pods.map((p) => p.metadata.name));
    const kept = list.filter((n) => live.has(n));
    if (kept.length === list.length) return;
    this.ctx.store.update('CloneSet', {
      ...cs,
      metadata: { ...cs.metadata, generation: (cs.metadata.generation ?? 1) + 1 },
      spec: { ...cs.spec, scaleStrategy: { ...cs.spec.scaleStrategy, podsToDelete: kept } },
    });
  }
}
