// The simulated API server's storage: typed objects by kind, namespace and name, each write
// bumping a cluster-wide resourceVersion and telling the watchers. Stored objects are immutable
// values: a write stores a new object (sharing the unchanged parts of the old one) and freezes it,
// so nobody can change what the store holds, or what a watcher saw as "old", behind its back.
import type { CloneSet, ControllerRevision, Node, PersistentVolumeClaim, Pod } from './api/types';

export interface KindMap {
  CloneSet: CloneSet;
  Pod: Pod;
  PersistentVolumeClaim: PersistentVolumeClaim;
  Node: Node;
  ControllerRevision: ControllerRevision;
}
export type StoredKind = keyof KindMap;
export type StoredObject = KindMap[StoredKind];

export const STORED_KINDS: readonly StoredKind[] = ['Node', 'CloneSet', 'ControllerRevision', 'PersistentVolumeClaim', 'Pod'];

/** Lower-case plural resource names, as the API server says them in errors. */
export const RESOURCE_NAMES: Record<StoredKind, string> = {
  CloneSet: 'clonesets.apps.kruise.io',
  Pod: 'pods',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Node: 'nodes',
  ControllerRevision: 'controllerrevisions.apps',
};

export class StoreError extends Error {
  constructor(
    readonly reason: 'AlreadyExists' | 'NotFound' | 'Forbidden',
    message: string,
  ) {
    super(message);
  }
}

export interface WatchEvent<K extends StoredKind = StoredKind> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: K;
  object: KindMap[K];
  old?: KindMap[K];
}

export type Watcher = (e: WatchEvent) => void;

const MEMO = Symbol('memo');

/**
 * Every stored version carries a memo: a small mutable object, not enumerable, where readers keep
 * what they derive from that version (the controller's pod readings, say). The version itself is
 * frozen and never changes, so nothing kept there goes stale; a new version starts with an empty
 * memo, and copies (spread, structuredClone, JSON) do not take it along. Undefined for objects the
 * store did not write.
 */
export function memoOf(o: object): Record<string, unknown> | undefined {
  return (o as { [MEMO]?: Record<string, unknown> })[MEMO];
}

function attachMemo(o: object): void {
  Object.defineProperty(o, MEMO, { value: {} });
}

/** Freezes everything reachable that is not frozen yet (shared, already stored parts stop the walk). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeFresh(value);
  return value;
}

/**
 * Freezes an object that is not frozen yet, and what it holds that is not (parts already frozen
 * are shared, left as they are). `old` is what stood at the same place in the version this one
 * replaces, if any: stored versions are frozen throughout, so a part that is the very object found
 * there needs no look (Object.isFrozen reads every property's attributes of a frozen object, and
 * most parts of a new version are shared with the old one).
 */
function freezeFresh(value: object, old?: unknown): void {
  Object.freeze(value);
  const before = old !== null && typeof old === 'object' ? (old as Record<string, unknown>) : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object' && (before === undefined || before[i] !== v) && !Object.isFrozen(v)) freezeFresh(v, before?.[i]);
    }
    return;
  }
  // for…in rather than Object.values: no array per object (stored objects are plain data, no prototypes to walk).
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (v !== null && typeof v === 'object' && (before === undefined || before[k] !== v) && !Object.isFrozen(v)) freezeFresh(v, before?.[k]);
  }
}

/**
 * A new top level and a new metadata, so the store can stamp its fields without touching the
 * caller's object. Copied with Object.assign rather than spread: V8 gives the freezing of a spread
 * copy of an unfrozen object a hidden class of its own, so every stored version would have its own
 * shape (and every read of a pod's fields across the cluster would miss the inline caches); copies
 * made with Object.assign share their shapes, frozen or not.
 */
function stamped<T extends StoredObject>(obj: T): T {
  const out = Object.assign({}, obj);
  out.metadata = Object.assign({}, obj.metadata);
  return out;
}

/** Key strings by namespace and name (see objectKey). */
const objectKeys = new Map<string, Map<string, string>>();
let objectKeyCount = 0;
/** Pairs remembered at most; then the table starts afresh. */
const OBJECT_KEYS_KEPT = 16_384;

/**
 * `namespace/name`, one string instance per pair: maps keyed by it find the key's hash already
 * computed, where a string built afresh on every lookup (every write of every pod) would be hashed
 * in full each time. The name strings passed in are usually the objects' own, kept from version
 * to version, whose hashes V8 keeps too.
 */
export function objectKey(namespace: string | undefined, name: string): string {
  const ns = namespace ?? '';
  let byName = objectKeys.get(ns);
  if (byName === undefined) objectKeys.set(ns, (byName = new Map()));
  let key = byName.get(name);
  if (key === undefined) {
    if (objectKeyCount >= OBJECT_KEYS_KEPT) {
      objectKeys.clear();
      objectKeyCount = 0;
      objectKeys.set(ns, (byName = new Map()));
    }
    key = `${ns}/${name}`;
    byName.set(name, key);
    objectKeyCount++;
  }
  return key;
}

/** An object's key in the store's tables (and in every map kept by namespace and name). */
export function keyOfObject(o: { metadata: { namespace?: string; name: string } }): string {
  return objectKey(o.metadata.namespace, o.metadata.name);
}

export interface StoreSnapshot {
  resourceVersion: number;
  uidCounter: number;
  objects: { [K in StoredKind]: KindMap[K][] };
}

export class ObjectStore {
  private rv = 0;
  private uidCounter = 0;
  private objects = new Map<StoredKind, Map<string, StoredObject>>();
  private watchers: Watcher[] = [];

  constructor(private readonly now: () => number) {
    for (const k of STORED_KINDS) this.objects.set(k, new Map());
  }

  private table<K extends StoredKind>(kind: K): Map<string, KindMap[K]> {
    return this.objects.get(kind) as Map<string, KindMap[K]>;
  }

  get<K extends StoredKind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    return this.table(kind).get(objectKey(namespace, name));
  }

  /** Objects of a kind in creation order (optionally of one namespace). */
  list<K extends StoredKind>(kind: K, namespace?: string): KindMap[K][] {
    const table = this.table(kind);
    if (namespace === undefined) return [...table.values()];
    const out: KindMap[K][] = [];
    for (const o of table.values()) if ((o.metadata.namespace ?? '') === namespace) out.push(o);
    return out;
  }

  count(kind: StoredKind): number {
    return this.table(kind).size;
  }

  watch(w: Watcher): () => void {
    this.watchers.push(w);
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
    };
  }

  resourceVersion(): number {
    return this.rv;
  }

  /** A deterministic UID: the store's counter in UUID layout. */
  private nextUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  create<K extends StoredKind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const table = this.table(kind);
    const key = keyOfObject(obj);
    if (table.has(key)) {
      throw new StoreError('AlreadyExists', `${RESOURCE_NAMES[kind]} "${obj.metadata.name}" already exists`);
    }
    const stored = stamped(obj);
    stored.metadata.uid = this.nextUid();
    stored.metadata.resourceVersion = String(++this.rv);
    stored.metadata.creationTimestamp = this.now();
    if (kind === 'CloneSet') stored.metadata.generation = 1;
    // The API server's pod strategy on create: whatever status was sent, a new pod is Pending.
    if (kind === 'Pod') (stored as Pod).status = { phase: 'Pending' };
    attachMemo(stored);
    deepFreeze(stored);
    table.set(key, stored);
    this.emit({ type: 'ADDED', kind, object: stored });
    return stored;
  }

  /** Replaces a stored object (the caller keeps uid/creationTimestamp by passing the stored object back). */
  update<K extends StoredKind>(kind: K, obj: KindMap[K]): KindMap[K] {
    const table = this.table(kind);
    const key = keyOfObject(obj);
    const old = table.get(key);
    if (!old) throw new StoreError('NotFound', `${RESOURCE_NAMES[kind]} "${obj.metadata.name}" not found`);
    const stored = stamped(obj);
    stored.metadata.uid = old.metadata.uid;
    stored.metadata.creationTimestamp = old.metadata.creationTimestamp;
    stored.metadata.resourceVersion = String(++this.rv);
    attachMemo(stored);
    freezeFresh(stored, old);
    table.set(key, stored);
    this.emit({ type: 'MODIFIED', kind, object: stored, old });
    return stored;
  }

  remove<K extends StoredKind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    const table = this.table(kind);
    const key = objectKey(namespace, name);
    const old = table.get(key);
    if (!old) return undefined;
    table.delete(key);
    this.rv++;
    this.emit({ type: 'DELETED', kind, object: old });
    return old;
  }

  private emit(e: WatchEvent): void {
    for (const w of this.watchers) w(e);
  }

  snapshot(): StoreSnapshot {
    const objects = {} as StoreSnapshot['objects'];
    for (const k of STORED_KINDS) (objects as Record<string, StoredObject[]>)[k] = structuredClone(this.list(k));
    return { resourceVersion: this.rv, uidCounter: this.uidCounter, objects };
  }
}
