// The two patch formats the API server accepts for a custom resource: JSON merge patch (RFC 7386)
// and JSON patch (RFC 6902).

export class PatchError extends Error {}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge key by key, `null` removes a key, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Json = isRecord(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer "${path}"`);
  return path.slice(1).split('/').map(unescape);
}

function parentOf(doc: unknown, tokens: string[], path: string): { parent: Json | unknown[]; key: string } {
  let node: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isRecord(node)) node = node[t];
    else node = undefined;
    if (node === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(node) && !isRecord(node)) throw new PatchError(`doc is missing path: "${path}": missing value`);
  return { parent: node, key: tokens[tokens.length - 1] };
}

function arrayIndex(arr: unknown[], key: string, path: string, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return arr.length;
  if (!/^\d+$/.test(key)) throw new PatchError(`invalid array index "${key}" in "${path}"`);
  const i = Number(key);
  if (i > arr.length || (!allowEnd && i === arr.length)) throw new PatchError(`Unable to access invalid index: ${i}: invalid index referenced`);
  return i;
}

function get(doc: unknown, path: string): unknown {
  let node = doc;
  for (const t of parsePointer(path)) {
    node = Array.isArray(node) ? node[Number(t)] : isRecord(node) ? node[t] : undefined;
    if (node === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return node;
}

/** RFC 6902 operations, applied to a copy. */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchError('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of patch) {
    if (!isRecord(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new PatchError('invalid operation: each needs "op" and "path"');
    const tokens = parsePointer(op.path);
    const set = (value: unknown, insert: boolean) => {
      if (tokens.length === 0) {
        doc = structuredClone(value);
        return;
      }
      const { parent, key } = parentOf(doc, tokens, op.path as string);
      if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, op.path as string, insert), insert ? 0 : 1, structuredClone(value));
      else parent[key] = structuredClone(value);
    };
    const remove = (path: string): unknown => {
      const t = parsePointer(path);
      const { parent, key } = parentOf(doc, t, path);
      if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, path, false), 1)[0];
      if (!(key in parent)) throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`);
      const v = parent[key];
      delete parent[key];
      return v;
    };
    switch (op.op) {
      case 'add':
        set(op.value, true);
        break;
      case 'replace':
        get(doc, op.path);
        set(op.value, false);
        break;
      case 'remove':
        remove(op.path);
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError(`${op.op} operation needs "from"`);
        const value = op.op === 'move' ? remove(op.from) : structuredClone(get(doc, op.from));
        set(value, true);
        break;
      }
      case 'test':
        if (JSON.stringify(get(doc, op.path)) !== JSON.stringify(op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/**
 * The merge keys of the pod's lists (`patchMergeKey` in k8s.io/api): a strategic merge patch
 * merges items with the same key; other lists are replaced whole. `*` stands for a list item.
 */
const POD_MERGE_KEYS: Readonly<Record<string, string>> = {
  'metadata.ownerReferences': 'uid',
  'spec.containers': 'name',
  'spec.initContainers': 'name',
  'spec.ephemeralContainers': 'name',
  'spec.volumes': 'name',
  'spec.imagePullSecrets': 'name',
  'spec.containers.*.env': 'name',
  'spec.containers.*.ports': 'containerPort',
  'spec.containers.*.volumeMounts': 'mountPath',
  'spec.initContainers.*.env': 'name',
  'spec.initContainers.*.volumeMounts': 'mountPath',
  'status.conditions': 'type',
};

/**
 * A strategic merge patch (the API server's default for built-in kinds) over a pod: like a merge
 * patch, but the lists named in POD_MERGE_KEYS merge item by item; an item `{"$patch": "delete"}`
 * removes its match and `{"$patch": "replace"}` on an object replaces it. Other `$` directives
 * (`$setElementOrder`, `$retainKeys`) only order or prune and are dropped.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, path = ''): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _replace, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch !== undefined && patch.$patch !== 'merge') throw new PatchError(`Unknown patch type: ${String(patch.$patch)}`);
  const out: Json = isRecord(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const here = path === '' ? k : `${path}.${k}`;
    const key = POD_MERGE_KEYS[here];
    if (v === null) delete out[k];
    else if (key !== undefined && Array.isArray(v)) out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, key, here);
    else out[k] = applyStrategicMergePatch(out[k], v, here);
  }
  return out;
}

function mergeList(target: unknown[], patch: unknown[], key: string, path: string): unknown[] {
  const out = structuredClone(target);
  for (const item of patch) {
    if (!isRecord(item) || item[key] === undefined) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((t) => isRecord(t) && t[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = applyStrategicMergePatch(out[at], item, `${path}.*`);
    else out.push(applyStrategicMergePatch({}, item, `${path}.*`));
  }
  return out;
}
