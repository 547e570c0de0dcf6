// SPEC §11.3: has an in-place update finished? Mirrors kruise inplace_update_defaults.go
// (DefaultCheckInPlaceUpdateCompleted, defaultCheckContainersInPlaceUpdateCompleted,
// checkAllContainersHashConsistent) and the resize check of inplace_update_vertical.go.
// Each check returns undefined when complete, else kruise's reason text.
import { parseQuantity } from '../api/quantity';
import { goMarshalSorted } from '../api/goJson';
import type { Container, Pod, ResourceRequirements } from '../api/types';
import type { FeatureGates } from './featureGates';
import {
  getInPlaceUpdateGraceText,
  getInPlaceUpdateStateText,
  getRuntimeContainerMetaSet,
  parseInPlaceUpdateState,
  type InPlaceUpdateState,
  type RuntimeContainerMeta,
} from './inplaceState';
import { podReadings } from './podState';

/** 32-bit FNV-1a of a text's UTF-8 bytes (stable; not the kubelet's exact hash). */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The container hash kruise-daemon reports as `plainHash`. The simulated kruise-daemon must write
 * this same function's value; only equality matters.
 */
export function plainContainerHash(container: Container): number {
  return fnv32a(goMarshalSorted(container));
}

/** The `extractedEnvFromMetadataHash` of a container: its env vars read from the pod's labels/annotations. */
export function envFromMetadataHash(container: Container, pod: Pod): number {
  const envs: { name: string; value: string }[] = [];
  for (const e of container.env ?? []) {
    if ((e.value ?? '') !== '' || !e.valueFrom?.fieldRef || e.name === 'SIDECARSET_VERSION' || e.name === 'SIDECARSET_VERSION_ALT') continue;
    const m = /^(metadata\.labels|metadata\.annotations)\['(.*)'\]$/.exec(e.valueFrom.fieldRef.fieldPath);
    if (!m) continue;
    const source = m[1] === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations;
    envs.push({ name: e.name, value: source?.[m[2]] ?? '' });
  }
  envs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return fnv32a(JSON.stringify(envs));
}

type HashType = 'plain' | 'envFromMetadata';

/** checkAllContainersHashConsistent: every spec container reported, same container IDs, matching hashes. */
function allContainersHashConsistent(pod: Pod, metas: RuntimeContainerMeta[], hashType: HashType): boolean {
  return pod.spec.containers.every((c) => {
    const status = pod.status.containerStatuses?.find((s) => s.name === c.name);
    const meta = [...metas].reverse().find((m) => m.name === c.name);
    if (!status || !meta || (meta.containerID ?? '') !== (status.containerID ?? '')) return false;
    if (hashType === 'plain') return meta.hashes?.plainHash === plainContainerHash(c);
    return (meta.hashes?.extractedEnvFromMetadataHash ?? 0) === envFromMetadataHash(c, pod);
  });
}

function sameResourceList(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  try {
    return ka.every((k) => parseQuantity(a![k]) === parseQuantity(b![k]));
  } catch {
    return false;
  }
}

/** NativeVerticalUpdate.IsUpdateCompleted: every container status reports the spec's resources. */
function resizeNotCompleted(pod: Pod): string | undefined {
  const statuses = pod.status.containerStatuses ?? [];
  if (statuses.length !== pod.spec.containers.length) return 'some container status is not reported';
  for (const s of statuses) {
    const c = pod.spec.containers.find((x) => x.name === s.name);
    const reported = (s as { resources?: ResourceRequirements }).resources;
    if (!c || !reported || !sameResourceList(c.resources?.limits, reported.limits) || !sameResourceList(c.resources?.requests, reported.requests)) {
      return `container ${s.name} resources not changed`;
    }
  }
  return undefined;
}

/** Go's %v of map[string]InPlaceUpdateContainerStatus: `map[c1:{img01} c2:{}]`. */
function formatStatuses(m: Record<string, { imageID?: string }>): string {
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:{${m[k].imageID ?? ''}}`)
    .join(' ')}]`;
}

/**
 * defaultCheckContainersInPlaceUpdateCompleted. Complete when kruise-daemon reports every container's
 * hash consistent, or else when every recorded container reports a new imageID (an equal imageID
 * counts only if the reported image equals the spec image, ":latest" added to untagged names).
 */
export function checkContainersInPlaceUpdateCompleted(pod: Pod, state: InPlaceUpdateState, featureGates: FeatureGates): string | undefined {
  // A refresh asks twice about the same (frozen) pod: once for the in-place condition, once for the lifecycle.
  if (!Object.isFrozen(pod)) return containersCompleted(pod, state, featureGates);
  const readings = podReadings(pod);
  const known = readings.inPlaceCompleted;
  if (known && known.state === state && known.featureGates === featureGates) return known.result;
  const result = containersCompleted(pod, state, featureGates);
  readings.inPlaceCompleted = { state, featureGates, result };
  return result;
}

/** The spec's image of a container, `:latest` added when it has no tag (as kruise compares them). */
function specImageOf(pod: Pod, name: string): string | undefined {
  const image = pod.spec.containers.find((c) => c.name === name)?.image;
  if (image === undefined) return undefined;
  return image.includes(':') ? image : `${image}:latest`;
}

function containersCompleted(pod: Pod, state: InPlaceUpdateState, featureGates: FeatureGates): string | undefined {
  const metas = getRuntimeContainerMetaSet(pod);
  if (state.updateEnvFromMetadata) {
    if (!metas) return 'waiting for all containers hash consistent, but runtime-container-meta not found';
    if (!allContainersHashConsistent(pod, metas, 'envFromMetadata')) return 'waiting for all containers hash consistent';
  }
  if (featureGates.InPlaceWorkloadVerticalScaling && state.updateResources) {
    const waiting = resizeNotCompleted(pod);
    if (waiting) return waiting;
  }
  if (metas && allContainersHashConsistent(pod, metas, 'plain')) return undefined;

  const expected = state.lastContainerStatuses ?? {};
  const statuses = pod.status.containerStatuses ?? [];
  let found = 0;
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i];
    const old = Object.hasOwn(expected, s.name) ? expected[s.name] : undefined;
    // (a name reported twice counts once, at its first status)
    if (!old || statuses.findIndex((x) => x.name === s.name) !== i) continue;
    if ((old.imageID ?? '') === (s.imageID ?? '') && specImageOf(pod, s.name) !== s.image) return `container ${s.name} imageID not changed`;
    found++;
  }
  const names = Object.keys(expected);
  if (found === names.length) return undefined;
  const missing = names.filter((name) => !statuses.some((s) => s.name === name && expected[name]));
  return `not found statuses of containers ${formatStatuses(Object.fromEntries(missing.map((name) => [name, expected[name]])))}`;
}

/**
 * DefaultCheckInPlaceUpdateCompleted (SPEC §11.3): not while in grace or while later batches are
 * pending; a pod without a state annotation is complete.
 */
export function checkInPlaceUpdateCompleted(pod: Pod, featureGates: FeatureGates): string | undefined {
  if (getInPlaceUpdateGraceText(pod) !== undefined) return 'still in grace period of in-place update';
  const text = getInPlaceUpdateStateText(pod);
  if (text === undefined) return undefined;
  let state: InPlaceUpdateState;
  try {
    state = parseInPlaceUpdateState(text);
  } catch (e) {
    return (e as Error).message;
  }
  const pending = [state.nextContainerImages, state.nextContainerRefMetadata, state.nextContainerResources].some((m) => Object.keys(m ?? {}).length > 0);
  if (pending) return 'existing containers to in-place update in next batches';
  try {
    return checkContainersInPlaceUpdateCompleted(pod, state, featureGates);
  } catch (e) {
    return (e as Error).message;
  }
}
