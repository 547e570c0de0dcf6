// A small in-memory NodeHost for the node-layer tests: maps of pods, PVCs and nodes on a
// VirtualClock, calling the layer after every write the way the cluster's store watch does.
import { VirtualClock } from '../../src/sim/clock';
import { Rng } from '../../src/sim/rng';
import type { Container, Node, PersistentVolumeClaim, Pod, PodCondition } from '../../src/sim/api/types';
import { DEFAULT_NODE_TIMINGS, type EventInput, type NodeHost, type NodeTimings } from '../../src/sim/node/host';
import { createNodeLayer, type SimNodeLayer } from '../../src/sim/node';

export interface RecordedEvent extends EventInput {
  time: number;
}

export interface PodOptions {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  containers?: Partial<Container>[];
  readinessGates?: string[];
  claims?: string[];
  readinessProbe?: Container['readinessProbe'];
  terminationGracePeriodSeconds?: number;
  nodeName?: string;
  conditions?: PodCondition[];
}

export function makePod(o: PodOptions): Pod {
  const containers: Container[] = (o.containers ?? [{}]).map((c, i) => ({
    name: i === 0 ? 'nginx' : `c${i}`,
    image: o.image ?? 'nginx:alpine',
    imagePullPolicy: o.imagePullPolicy ?? 'IfNotPresent',
    ...(o.readinessProbe ? { readinessProbe: o.readinessProbe } : {}),
    ...c,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name, namespace: 'default', labels: { app: 'sample' } },
    spec: {
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds ?? 30,
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.readinessGates ? { readinessGates: o.readinessGates.map((conditionType) => ({ conditionType })) } : {}),
      ...(o.claims ? { volumes: o.claims.map((claimName, i) => ({ name: `vol-${i}`, persistentVolumeClaim: { claimName } })) } : {}),
    },
    status: { phase: 'Pending', ...(o.conditions ? { conditions: o.conditions } : {}) },
  };
}

function makeNode(i: number, maxPods: number): Node {
  const name = `node-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      capacity: { pods: String(maxPods) },
      allocatable: { pods: String(maxPods) },
      addresses: [{ type: 'InternalIP', address: `192.168.0.${10 + i}` }],
    },
  };
}

export class FakeCluster {
  readonly clock = new VirtualClock();
  readonly rng = new Rng(1);
  readonly podMap = new Map<string, Pod>();
  readonly pvcMap = new Map<string, PersistentVolumeClaim>();
  readonly nodeList: Node[];
  readonly events: RecordedEvent[] = [];
  readonly timings: NodeTimings;
  readonly layer: SimNodeLayer;
  /** Every status write, in order (pod name, time, phase, Ready). */
  readonly writes: { pod: string; time: number }[] = [];
  private uid = 0;

  constructor(options: { nodes?: number; maxPods?: number; timings?: Partial<NodeTimings> } = {}) {
    this.timings = { ...DEFAULT_NODE_TIMINGS, ...options.timings, pullSeconds: { ...options.timings?.pullSeconds } };
    this.nodeList = Array.from({ length: options.nodes ?? 3 }, (_, i) => makeNode(i + 1, options.maxPods ?? 110));
    this.layer = createNodeLayer(this.host());
  }

  now(): number {
    return this.clock.seconds();
  }

  pod(name: string): Pod {
    const p = this.podMap.get(name);
    if (!p) throw new Error(`no pod ${name}`);
    return p;
  }

  hasPod(name: string): boolean {
    return this.podMap.has(name);
  }

  createPod(o: PodOptions | Pod): Pod {
    const pod = structuredClone('kind' in o ? o : makePod(o));
    pod.metadata.uid = `uid-${++this.uid}`;
    pod.metadata.creationTimestamp = this.now();
    this.podMap.set(pod.metadata.name, pod);
    this.layer.podAdded(pod);
    return pod;
  }

  updatePod(name: string, change: (p: Pod) => Pod): Pod {
    const old = this.pod(name);
    // Callers build new objects (spread), never mutate: a shallow handover is enough.
    const next = change(old);
    this.podMap.set(name, next);
    this.layer.podUpdated(old, next);
    return next;
  }

  setImage(name: string, image: string, container = 'nginx'): Pod {
    return this.updatePod(name, (p) => ({ ...p, spec: { ...p.spec, containers: p.spec.containers.map((c) => (c.name === container ? { ...c, image } : c)) } }));
  }

  /** Sets a condition the way a controller does (replacing one of the same type). */
  setCondition(name: string, condition: PodCondition): Pod {
    return this.updatePod(name, (p) => {
      const rest = (p.status.conditions ?? []).filter((c) => c.type !== condition.type);
      const at = (p.status.conditions ?? []).findIndex((c) => c.type === condition.type);
      const conditions = at >= 0 ? (p.status.conditions ?? []).map((c) => (c.type === condition.type ? condition : c)) : [condition, ...rest];
      return { ...p, status: { ...p.status, conditions } };
    });
  }

  deletePod(name: string): Pod {
    return this.updatePod(name, (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: this.now() } }));
  }

  createPvc(name: string, storage = '20Gi'): PersistentVolumeClaim {
    const pvc: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'default', uid: `uid-${++this.uid}`, creationTimestamp: this.now() },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
      status: { phase: 'Pending' },
    };
    this.pvcMap.set(name, pvc);
    this.layer.pvcAdded(pvc);
    return pvc;
  }

  /** Runs foreground work until none is left (back-off retries excepted), at most `maxSeconds`. */
  settle(maxSeconds = 1800): void {
    const deadline = this.clock.now() + maxSeconds * 1000;
    while (this.clock.pendingForeground() > 0) {
      const at = this.clock.nextAt();
      if (at === undefined || at > deadline) break;
      this.clock.runNext();
    }
  }

  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  /** Events as "time reason message" lines, optionally for one object. */
  eventLines(object?: string): string[] {
    return this.events.filter((e) => !object || e.involvedObject.name === object).map((e) => `${e.time} ${e.reason} ${e.message}`);
  }

  eventTime(object: string, reason: string, nth = 0): number | undefined {
    return this.events.filter((e) => e.involvedObject.name === object && e.reason === reason)[nth]?.time;
  }

  condition(name: string, type: string): PodCondition | undefined {
    return this.pod(name).status.conditions?.find((c) => c.type === type);
  }

  private host(): NodeHost {
    return {
      clock: this.clock,
      rng: this.rng,
      timings: this.timings,
      era: '1.9',
      now: () => this.now(),
      nodes: () => this.nodeList,
      pods: () => [...this.podMap.values()],
      getPod: (_ns, name) => this.podMap.get(name),
      getPvc: (_ns, name) => this.pvcMap.get(name),
      pvcs: () => [...this.pvcMap.values()],
      bindPod: (_ns, name, nodeName) => {
        const p = this.podMap.get(name);
        if (p && !p.spec.nodeName) this.updatePod(name, (x) => ({ ...x, spec: { ...x.spec, nodeName } }));
      },
      writePodStatus: (_ns, name, status) => {
        if (!this.podMap.has(name)) return;
        this.writes.push({ pod: name, time: this.now() });
        this.updatePod(name, (x) => ({ ...x, status }));
      },
      writePvcStatus: (_ns, name, status) => {
        const pvc = this.pvcMap.get(name);
        if (pvc) this.pvcMap.set(name, { ...pvc, status });
      },
      removePod: (_ns, name) => {
        const p = this.podMap.get(name);
        if (!p) return;
        this.podMap.delete(name);
        this.layer.podRemoved(p);
      },
      recordEvent: (e) => this.events.push({ ...e, time: this.now() }),
    };
  }
}
