// SPEC §1: the CloneSet mutating webhook (kruise pkg/webhook/cloneset/mutating, defaults in
// apis/apps/defaults SetDefaultsCloneSet / SetDefaultPodSpec, on top of Kubernetes' v1 pod
// defaulting). Pure: returns a defaulted copy.
//
// Where this follows the Go source rather than SPEC §1:
// - a regular container without imagePullPolicy gets `Always` whatever its tag (kruise sets it
//   before the Kubernetes tag rule runs); only init containers get the tag rule;
// - volumeClaimTemplates only get `status.phase: Pending` (SetDefaults_PersistentVolumeClaim);
//   `volumeMode: Filesystem` is a PVC *spec* default the webhook does not call.
// Not modelled: rounding resource quantities up to milli precision.
import { DEFAULT_MAX_UNAVAILABLE, DEFAULT_REVISION_HISTORY_LIMIT } from './constants';
import type { FeatureGates } from '../controller/featureGates';
import { jsonEqual } from './jsonEqual';
import { splitImageReference } from './imageReference';
import type { CloneSet, Container, PodSpec, Probe, Volume, VolumeClaimTemplate } from './types';

export interface DefaultingContext {
  isCreate: boolean;
  /** The stored object, on updates. */
  oldCs?: CloneSet;
  featureGates: FeatureGates;
}

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const DEFAULT_FILE_MODE = 0o644; // 420

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Pod-template defaults are injected on create, and on an update only when the template differs
 * from the stored one (so an edited image keeps the old pull policy), unless TemplateNoDefaults.
 */
export function shouldInjectTemplateDefaults(cs: CloneSet, ctx: DefaultingContext): boolean {
  if (ctx.featureGates.TemplateNoDefaults) return false;
  if (ctx.isCreate || !ctx.oldCs) return true;
  return !jsonEqual(cs.spec.template, ctx.oldCs.spec.template);
}

/** apis/apps/defaults SetDefaultsCloneSet, as applied by the mutating webhook. */
export function setDefaultsCloneSet(cs: CloneSet, ctx: DefaultingContext): CloneSet {
  const out = structuredClone(cs);
  // A manifest without spec (or with an empty one) decodes to Go's zero CloneSetSpec: it is
  // defaulted like any other, and validation then refuses it with its Required-value messages.
  const spec = (out.spec ??= {} as CloneSet['spec']);
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;

  if (shouldInjectTemplateDefaults(out, ctx)) {
    spec.template = { ...spec.template, spec: setDefaultPodSpec((spec.template as CloneSet['spec']['template'] | undefined)?.spec as PodSpec) };
    if (spec.volumeClaimTemplates) spec.volumeClaimTemplates = spec.volumeClaimTemplates.map(setDefaultsVolumeClaimTemplate);
  }

  const strategy = { ...(spec.updateStrategy ?? {}) };
  if (!strategy.type) strategy.type = 'ReCreate';
  else if ((strategy.type === 'InPlaceIfPossible' || strategy.type === 'InPlaceOnly') && !strategy.inPlaceUpdateStrategy) {
    strategy.inPlaceUpdateStrategy = {};
  }
  strategy.partition ??= 0;
  strategy.maxUnavailable ??= DEFAULT_MAX_UNAVAILABLE;
  strategy.maxSurge ??= 0;
  spec.updateStrategy = strategy;
  return out;
}

/** v1.SetDefaults_PersistentVolumeClaim: only the status phase. */
function setDefaultsVolumeClaimTemplate(t: VolumeClaimTemplate): VolumeClaimTemplate {
  return { ...t, status: { ...(t.status ?? {}), phase: t.status?.phase || 'Pending' } };
}

/** kruise SetDefaultPodSpec: Kubernetes' pod spec defaults plus "Always" for containers' pull policy. */
export function setDefaultPodSpec(input: PodSpec): PodSpec {
  const spec: PodSpec = structuredClone(input ?? { containers: [] });
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= DEFAULT_SCHEDULER_NAME;
  if (spec.volumes) spec.volumes = spec.volumes.map(setDefaultsVolume);
  if (spec.initContainers) spec.initContainers = spec.initContainers.map((c) => setDefaultsContainer(c));
  if (spec.containers) {
    spec.containers = spec.containers.map((c) => setDefaultsContainer({ ...c, imagePullPolicy: c.imagePullPolicy || 'Always' }));
  }
  return spec;
}

/** v1.SetDefaults_Container plus the per-field defaults kruise applies to each container. */
function setDefaultsContainer(input: Container): Container {
  const c: Container = { ...input };
  c.imagePullPolicy ||= defaultPullPolicyForImage(c.image ?? '');
  c.terminationMessagePath ||= DEFAULT_TERMINATION_MESSAGE_PATH;
  c.terminationMessagePolicy ||= 'File';
  if (c.ports) c.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol || 'TCP' }));
  if (c.env) {
    c.env = c.env.map((e) => {
      const fieldRef = e.valueFrom?.fieldRef;
      if (!fieldRef) return e;
      return { ...e, valueFrom: { ...e.valueFrom, fieldRef: { ...fieldRef, apiVersion: fieldRef.apiVersion || 'v1' } } };
    });
  }
  if (c.livenessProbe) c.livenessProbe = setDefaultsProbe(c.livenessProbe);
  if (c.readinessProbe) c.readinessProbe = setDefaultsProbe(c.readinessProbe);
  if (isRecord(c.startupProbe)) c.startupProbe = setDefaultsProbe(c.startupProbe as Probe);
  if (isRecord(c.lifecycle)) {
    const lifecycle: Json = { ...c.lifecycle };
    for (const hook of ['postStart', 'preStop']) {
      if (isRecord(lifecycle[hook])) lifecycle[hook] = withHttpGetDefaults(lifecycle[hook] as Json);
    }
    c.lifecycle = lifecycle;
  }
  return c;
}

function withHttpGetDefaults<T extends Json>(handler: T): T {
  if (!isRecord(handler.httpGet)) return handler;
  const httpGet = handler.httpGet;
  return { ...handler, httpGet: { ...httpGet, path: httpGet.path || '/', scheme: httpGet.scheme || 'HTTP' } };
}

/** v1.SetDefaults_Probe (+ the httpGet handler defaults). */
function setDefaultsProbe(probe: Probe): Probe {
  return withHttpGetDefaults({
    ...probe,
    timeoutSeconds: probe.timeoutSeconds || 1,
    periodSeconds: probe.periodSeconds || 10,
    successThreshold: probe.successThreshold || 1,
    failureThreshold: probe.failureThreshold || 3,
  });
}

function withDefaultMode(source: unknown): unknown {
  return isRecord(source) ? { ...source, defaultMode: source.defaultMode ?? DEFAULT_FILE_MODE } : source;
}

function withFieldRefApiVersion(item: unknown): unknown {
  if (!isRecord(item) || !isRecord(item.fieldRef)) return item;
  return { ...item, fieldRef: { ...item.fieldRef, apiVersion: item.fieldRef.apiVersion || 'v1' } };
}

/** The volume source fields of a v1.Volume, in the order Kubernetes validates them. */
export const VOLUME_SOURCE_KEYS = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;

/** SetDefaultPodVolumes: an empty source becomes emptyDir, file modes and refs get defaults. */
function setDefaultsVolume(input: Volume): Volume {
  const v: Volume = { ...input };
  if (VOLUME_SOURCE_KEYS.every((k) => v[k] === undefined || v[k] === null)) v.emptyDir = {};
  if (isRecord(v.hostPath)) v.hostPath = { ...v.hostPath, type: v.hostPath.type ?? '' };
  if (v.secret) v.secret = withDefaultMode(v.secret);
  if (v.configMap) v.configMap = withDefaultMode(v.configMap);
  if (isRecord(v.downwardAPI)) {
    const d = withDefaultMode(v.downwardAPI) as Json;
    if (Array.isArray(d.items)) d.items = d.items.map(withFieldRefApiVersion);
    v.downwardAPI = d;
  }
  if (isRecord(v.projected)) {
    const p = withDefaultMode(v.projected) as Json;
    if (Array.isArray(p.sources)) p.sources = p.sources.map(defaultProjection);
    v.projected = p;
  }
  return v;
}

function defaultProjection(source: unknown): unknown {
  if (!isRecord(source)) return source;
  const s: Json = { ...source };
  if (isRecord(s.downwardAPI) && Array.isArray(s.downwardAPI.items)) {
    s.downwardAPI = { ...s.downwardAPI, items: s.downwardAPI.items.map(withFieldRefApiVersion) };
  }
  if (isRecord(s.serviceAccountToken)) {
    s.serviceAccountToken = { ...s.serviceAccountToken, expirationSeconds: s.serviceAccountToken.expirationSeconds ?? 3600 };
  }
  return s;
}

// ---- image references -------------------------------------------------------------------

// A docker reference path component: lowercase letters, digits and separators. Uppercase makes
// the reference unparsable, and Kubernetes then falls back to IfNotPresent.
const REPO_PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/**
 * The tag of an image reference as Kubernetes' parsers.ParseImageName reports it: "latest" when
 * neither tag nor digest is given, "" with a digest only or when the reference does not parse.
 */
export function imageTag(image: string): string {
  const { path, tag = '', digest } = splitImageReference(image);
  if (!REPO_PATH.test(path) || (tag !== '' && !TAG.test(tag)) || (digest !== undefined && !/^[a-z0-9]+:[a-fA-F0-9]{32,}$/.test(digest))) return '';
  if (tag === '' && digest === undefined) return 'latest';
  return tag;
}

/** The Kubernetes rule: Always for ":latest" (or no tag), IfNotPresent otherwise. */
export function defaultPullPolicyForImage(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

