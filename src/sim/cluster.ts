// The simulated cluster: store + virtual clock + seeded RNG + the CloneSet controller + the node
// layer (scheduler, PVC provisioner, kubelets), with kubectl-like entry points. Deterministic: the
// same options and the same inputs give the same objects, byte for byte, so a snapshot is the
// list of inputs and restoring it replays them.
import type { CloneSet, KubeEvent, Node, PersistentVolumeClaim, Pod } from './api/types';
import { VirtualClock } from './clock';
import { Rng } from './rng';
import { ObjectStore, StoreError } from './store';
import { withFeatureGates, type FeatureGates } from './controller/featureGates';
import { parseKruiseEra, type KruiseEra } from './controller/era';
import { CloneSetController, type Decision } from './cloneSetController';
import { DEFAULT_NODE_TIMINGS, type EventInput, type NodeHost, type NodeLayer, type NodeTimings } from './node/host';
import { createNodeLayer } from './node';
import { EventRecorder } from './events';
import { ApplyError, applyManifests, updateCloneSet, type ApplyOutcome } from './apply';
import { podForUpdate, validatePodUpdate } from './api/podUpdate';
import { errorString, type FieldError } from './api/fieldErrors';
import { validateAnnotations, validateLabels } from './api/k8sNames';
import { clusterState, type ClusterState } from './state';
import { checkClusterOptions, checkSnapshot } from './snapshotCheck';
import { jsonEqual } from './api/jsonEqual';

export interface ClusterOptions {
  /** Drives instance ids and tie-breaks. Default 1. */
  seed?: number;
  /** Worker nodes. Default 3. */
  nodes?: number;
  /** Pods a node may run. Default 110. */
  maxPodsPerNode?: number;
  /** Infrastructure timings (seconds). */
  timings?: Partial<NodeTimings>;
  /** Kruise feature gates that differ from v1.9.0's defaults. */
  featureGates?: Partial<Record<string, boolean>>;
  /** Which kruise release the controller behaves like (SPEC §18 "Blog era"). Default "1.9". */
  kruiseVersion?: KruiseEra;
  /** Pods the namespace may hold. Default 10,000. */
  podQuota?: number;
  /** Seconds between a change and the reconcile it triggers. Default 0.1. */
  reconcileDelaySeconds?: number;
}

/** One input, as recorded for replay. */
export type ClusterInput =
  | { op: 'apply'; text: string }
  | { op: 'advance'; seconds: number }
  | { op: 'settle'; maxSeconds: number }
  | { op: 'step' }
  | { op: 'call'; name: MutationName; args: unknown[] };

export interface ClusterSnapshot {
  version: 1;
  options: ClusterOptions;
  inputs: ClusterInput[];
}

type MutationName = 'scale' | 'deletePod' | 'labelPod' | 'annotatePod' | 'replacePod' | 'deletePvc' | 'replaceCloneSet' | 'deleteCloneSet';

/** The API server's answer to an invalid pod update (kubectl prints it as is); nothing changes. */
function refuseInvalidPod(name: string, errors: FieldError[]): void {
  if (errors.length === 0) return;
  const messages = [...new Set(errors.map(errorString))];
  const detail = messages.length === 1 ? messages[0] : `\n${messages.map((m) => `* ${m}`).join('\n')}`;
  throw new ApplyError(`The Pod "${name}" is invalid: ${detail}`);
}

export class Cluster {
  readonly clock = new VirtualClock();
  readonly rng: Rng;
  readonly store: ObjectStore;
  readonly featureGates: FeatureGates;
  readonly kruiseEra: KruiseEra;
  readonly events = new EventRecorder();
  readonly decisions: Decision[] = [];
  readonly controller: CloneSetController;
  readonly nodeLayer: NodeLayer;
  readonly timings: NodeTimings;
  private readonly inputs: ClusterInput[] = [];

  constructor(readonly options: ClusterOptions = {}) {
    checkClusterOptions(options);
    this.rng = new Rng(options.seed ?? 1);
    this.store = new ObjectStore(() => this.now());
    this.featureGates = withFeatureGates(options.featureGates);
    this.kruiseEra = parseKruiseEra(options.kruiseVersion);
    this.timings = { ...DEFAULT_NODE_TIMINGS, ...options.timings, pullSeconds: { ...options.timings?.pullSeconds } };
    this.controller = new CloneSetController({
      store: this.store,
      clock: this.clock,
      rng: this.rng,
      featureGates: this.featureGates,
      kruiseEra: this.kruiseEra,
      recordEvent: (e) => this.recordEvent(e),
      recordDecision: (d) => this.decisions.push(d),
      podQuota: options.podQuota ?? 10_000,
      reconcileDelaySeconds: options.reconcileDelaySeconds ?? 0.1,
    });
    this.nodeLayer = createNodeLayer(this.nodeHost());
    this.store.watch((e) => {
      if (e.kind === 'Pod') {
        if (e.type === 'ADDED') this.nodeLayer.podAdded(e.object as Pod);
        else if (e.type === 'MODIFIED') this.nodeLayer.podUpdated(e.old as Pod, e.object as Pod);
        else {
          this.nodeLayer.podRemoved(e.object as Pod);
          this.collectGarbage(e.object as Pod);
        }
      } else if (e.kind === 'PersistentVolumeClaim' && e.type === 'ADDED') {
        this.nodeLayer.pvcAdded(e.object as PersistentVolumeClaim);
      }
    });
    for (let i = 1; i <= (options.nodes ?? 3); i++) this.store.create('Node', newNode(i, options.maxPodsPerNode ?? 110));
  }

  /** Virtual seconds since the cluster started. */
  now(): number {
    return this.clock.seconds();
  }

  recordEvent(e: EventInput): void {
    this.events.record(e, this.now());
  }

  // ---- inputs -------------------------------------------------------------------------------

  /** `kubectl apply -f -`: create or update every document; a rejected document changes nothing. */
  apply(text: string): ApplyOutcome {
    this.inputs.push({ op: 'apply', text });
    return applyManifests(this, text);
  }

  /** Moves virtual time forward, running everything due on the way. */
  advance(seconds: number): void {
    this.inputs.push({ op: 'advance', seconds });
    this.clock.advance(Math.max(0, seconds) * 1000);
  }

  /**
   * Runs until nothing is under way (no foreground timer: only back-off retries, or nothing, is
   * left), at most `maxSeconds` of virtual time. Returns whether it came to rest.
   */
  settle(maxSeconds = 1800): boolean {
    this.inputs.push({ op: 'settle', maxSeconds });
    const deadline = this.clock.now() + Math.max(0, maxSeconds) * 1000;
    while (this.clock.pendingForeground() > 0) {
      const at = this.clock.nextAt();
      if (at === undefined || at > deadline) {
        this.clock.advance(deadline - this.clock.now());
        return false;
      }
      this.clock.runNext();
    }
    return true;
  }

  /** Runs the next pending timer (one event of the simulation). Returns false when none is pending. */
  step(): boolean {
    this.inputs.push({ op: 'step' });
    return this.clock.runNext();
  }

  /** Whether anything but background retries is pending. */
  atRest(): boolean {
    return this.clock.pendingForeground() === 0;
  }

  /** `kubectl scale clone/NAME --replicas=N` (through both webhooks). */
  scale(namespace: string, name: string, replicas: number): CloneSet {
    return this.mutate('scale', [namespace, name, replicas], () =>
      updateCloneSet(this, namespace, name, (cs) => ({ ...cs, spec: { ...cs.spec, replicas } })),
    );
  }

  /** `kubectl delete pod NAME`: graceful deletion (the kubelet stops it, then it is removed). */
  deletePod(namespace: string, name: string): Pod {
    return this.mutate('deletePod', [namespace, name], () => {
      const pod = this.store.get('Pod', namespace, name);
      if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
      if (pod.metadata.deletionTimestamp !== undefined) return pod;
      return this.store.update('Pod', { ...pod, metadata: { ...pod.metadata, deletionTimestamp: this.now() } });
    });
  }

  /** `kubectl label pod NAME k=v … [k-]`: `null` removes a label. */
  labelPod(namespace: string, name: string, labels: Record<string, string | null>): Pod {
    return this.mutate('labelPod', [namespace, name, labels], () => {
      const pod = this.store.get('Pod', namespace, name);
      if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
      const next = { ...pod.metadata.labels };
      for (const [k, v] of Object.entries(labels)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      refuseInvalidPod(name, validateLabels(next, 'metadata.labels'));
      return this.store.update('Pod', { ...pod, metadata: { ...pod.metadata, labels: next } });
    });
  }

  /** `kubectl annotate pod NAME k=v … [k-]`: `null` removes an annotation. */
  annotatePod(namespace: string, name: string, annotations: Record<string, string | null>): Pod {
    return this.mutate('annotatePod', [namespace, name, annotations], () => {
      const pod = this.store.get('Pod', namespace, name);
      if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
      const next = { ...pod.metadata.annotations };
      for (const [k, v] of Object.entries(annotations)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      refuseInvalidPod(name, validateAnnotations(next, 'metadata.annotations'));
      return this.store.update('Pod', { ...pod, metadata: { ...pod.metadata, annotations: next } });
    });
  }

  /**
   * `kubectl patch pod` / `edit pod`: stores `pod` in place of the live one, validated as the API
   * server validates a pod update (validatePodUpdate: images, activeDeadlineSeconds, added
   * tolerations, labels and annotations may change). The stored status stays; a changed image
   * makes the kubelet restart that container. A refusal throws an ApplyError and changes nothing.
   */
  replacePod(namespace: string, name: string, pod: Pod): Pod {
    return this.mutate('replacePod', [namespace, name, pod], () => {
      const live = this.store.get('Pod', namespace, name);
      if (!live) throw new StoreError('NotFound', `pods "${name}" not found`);
      refuseInvalidPod(name, validatePodUpdate(pod, live));
      const next = podForUpdate(structuredClone(pod), live);
      if (jsonEqual(next, live)) return live;
      return this.store.update('Pod', next);
    });
  }

  /**
   * `kubectl delete pvc NAME`. The simulator does not model the pvc-protection finalizer, so a
   * claim goes at once, even while a pod still mounts it.
   */
  deletePvc(namespace: string, name: string): PersistentVolumeClaim {
    return this.mutate('deletePvc', [namespace, name], () => {
      const pvc = this.store.remove('PersistentVolumeClaim', namespace, name);
      if (!pvc) throw new StoreError('NotFound', `persistentvolumeclaims "${name}" not found`);
      return pvc;
    });
  }

  /** `kubectl delete cloneset NAME`: the CloneSet goes, and its pods and PVCs are garbage-collected. */
  deleteCloneSet(namespace: string, name: string): CloneSet {
    return this.mutate('deleteCloneSet', [namespace, name], () => {
      const cs = this.store.get('CloneSet', namespace, name);
      if (!cs) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
      this.store.remove('CloneSet', namespace, name);
      const owned = (o: { metadata: { ownerReferences?: { uid: string }[] } }) => o.metadata.ownerReferences?.some((r) => r.uid === cs.metadata.uid);
      for (const pod of this.store.list('Pod', namespace).filter(owned)) {
        if (pod.metadata.deletionTimestamp === undefined) this.store.update('Pod', { ...pod, metadata: { ...pod.metadata, deletionTimestamp: this.now() } });
      }
      for (const pvc of this.store.list('PersistentVolumeClaim', namespace).filter(owned)) this.store.remove('PersistentVolumeClaim', namespace, pvc.metadata.name);
      for (const r of this.store.list('ControllerRevision', namespace).filter(owned)) this.store.remove('ControllerRevision', namespace, r.metadata.name);
      return cs;
    });
  }

  /**
   * Any change to a stored CloneSet (scale, patch, edit): both webhooks run on the result, and a
   * refusal throws an AdmissionError and changes nothing.
   */
  updateCloneSet(namespace: string, name: string, change: (cs: CloneSet) => CloneSet): CloneSet {
    const live = this.store.get('CloneSet', namespace, name);
    if (!live) throw new StoreError('NotFound', `clonesets.apps.kruise.io "${name}" not found`);
    const proposed = change(structuredClone(live));
    return this.mutate('replaceCloneSet', [namespace, name, proposed], () => updateCloneSet(this, namespace, name, () => structuredClone(proposed)));
  }

  private mutate<T>(name: MutationName, args: unknown[], run: () => T): T {
    this.inputs.push({ op: 'call', name, args: structuredClone(args) });
    return run();
  }

  // ---- reading ------------------------------------------------------------------------------

  pods(namespace = 'default'): Pod[] {
    return this.store.list('Pod', namespace);
  }

  cloneSets(namespace = 'default'): CloneSet[] {
    return this.store.list('CloneSet', namespace);
  }

  eventList(): KubeEvent[] {
    return this.events.list();
  }

  /** The DESIGN.md STATE object. */
  state(): ClusterState {
    return clusterState(this);
  }

  // ---- snapshots ----------------------------------------------------------------------------

  /** How many inputs the cluster has recorded (what snapshot().inputs.length says, without a copy). */
  inputCount(): number {
    return this.inputs.length;
  }

  /** Copies of the inputs recorded from position `start` on. */
  inputsSince(start: number): ClusterInput[] {
    return structuredClone(this.inputs.slice(start));
  }

  snapshot(): ClusterSnapshot {
    return { version: 1, options: structuredClone(this.options), inputs: structuredClone(this.inputs) };
  }

  /** A cluster in exactly the state the snapshot was taken in (its inputs replayed). */
  static restore(snapshot: ClusterSnapshot): Cluster {
    checkSnapshot(snapshot);
    const cluster = new Cluster(snapshot.options);
    for (const input of snapshot.inputs) cluster.replayInput(input);
    return cluster;
  }

  /**
   * Runs one recorded input again through the public entry points (and records it again). A change
   * that failed when first made fails again and changes nothing.
   */
  replayInput(input: ClusterInput): void {
    switch (input.op) {
      case 'apply':
        this.apply(input.text);
        return;
      case 'advance':
        this.advance(input.seconds);
        return;
      case 'settle':
        this.settle(input.maxSeconds);
        return;
      case 'step':
        this.step();
        return;
      case 'call': {
        const a = input.args as never[];
        try {
          if (input.name === 'scale') this.scale(a[0], a[1], a[2]);
          else if (input.name === 'deletePod') this.deletePod(a[0], a[1]);
          else if (input.name === 'labelPod') this.labelPod(a[0], a[1], a[2]);
          else if (input.name === 'annotatePod') this.annotatePod(a[0], a[1], a[2]);
          else if (input.name === 'replacePod') this.replacePod(a[0], a[1], a[2]);
          else if (input.name === 'deletePvc') this.deletePvc(a[0], a[1]);
          else if (input.name === 'deleteCloneSet') this.deleteCloneSet(a[0], a[1]);
          else if (input.name === 'replaceCloneSet') this.updateCloneSet(a[0], a[1], () => a[2]);
        } catch {
          // It failed when first made too; replaying the failure changes nothing.
        }
      }
    }
  }

  /** The garbage collector's part we need: claims owned by a pod go when the pod is gone. */
  private collectGarbage(pod: Pod): void {
    for (const volume of pod.spec.volumes ?? []) {
      const name = volume.persistentVolumeClaim?.claimName;
      const pvc = name ? this.store.get('PersistentVolumeClaim', pod.metadata.namespace, name) : undefined;
      if (pvc?.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)) this.store.remove('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name);
    }
  }

  // ---- the node layer's view of the cluster -------------------------------------------------

  private nodeHost(): NodeHost {
    const store = this.store;
    return {
      clock: this.clock,
      rng: this.rng,
      timings: this.timings,
      era: this.kruiseEra,
      now: () => this.now(),
      nodes: () => store.list('Node'),
      pods: (ns) => store.list('Pod', ns),
      getPod: (ns, name) => store.get('Pod', ns, name),
      getPvc: (ns, name) => store.get('PersistentVolumeClaim', ns, name),
      pvcs: (ns) => store.list('PersistentVolumeClaim', ns),
      bindPod: (ns, name, nodeName) => {
        const pod = store.get('Pod', ns, name);
        if (pod && !pod.spec.nodeName) store.update('Pod', { ...pod, spec: { ...pod.spec, nodeName } });
      },
      writePodStatus: (ns, name, status) => {
        const pod = store.get('Pod', ns, name);
        if (pod) store.update('Pod', { ...pod, status });
      },
      writePvcStatus: (ns, name, status) => {
        const pvc = store.get('PersistentVolumeClaim', ns, name);
        if (pvc) store.update('PersistentVolumeClaim', { ...pvc, status });
      },
      removePod: (ns, name) => {
        store.remove('Pod', ns, name);
      },
      recordEvent: (e) => this.recordEvent(e),
    };
  }
}

function newNode(index: number, maxPods: number): Node {
  const name = `node-${index}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${String.fromCharCode(96 + ((index - 1) % 3) + 1)}` } },
    spec: {},
    status: {
      capacity: { pods: String(maxPods), cpu: '4', memory: '16Gi' },
      allocatable: { pods: String(maxPods), cpu: '4', memory: '16Gi' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: `192.168.0.${10 + index}` }],
    },
  };
}
