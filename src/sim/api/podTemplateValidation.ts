// SPEC §2 item 4: the Kubernetes pod-template validation the CloneSet webhook runs
// (k8s.io/kubernetes pkg/apis/core/validation ValidatePodTemplateSpec, pod-template options), for
// the parts a learner can reach from YAML: labels, annotations, volumes, containers (names,
// images, ports, env, volume mounts, pull and termination-message policies, probes, lifecycle
// handlers), init containers, restart/DNS policy, node selector, readiness gates and the DNS
// names in the pod spec. Not modelled: resource quantities (the CRD schema rejects malformed
// ones before the webhook), security contexts, affinity, tolerations, topology spread
// constraints, host aliases and the volume-source-specific fields beyond a few required ones.
// The template is expected to be defaulted already (kruise's converter defaults it first).
import { INT32_MAX } from './constants';
import { VOLUME_SOURCE_KEYS } from './defaults';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
  type FieldError,
} from './fieldErrors';
import {
  inclusiveRangeError,
  isEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateDNS1123Label,
  validateLabels,
  isQualifiedName,
} from './k8sNames';
import { validateLifecycle, validateProbe } from './probeValidation';
import type { Container, PodSpec, PodTemplateSpec, Probe, Volume } from './types';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** ValidatePodTemplateSpec. `path` is the template's path, e.g. `spec.template`. */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: string): FieldError[] {
  const meta = template.metadata ?? {};
  const errs = [
    ...validateLabels(meta.labels, `${path}.labels`),
    ...validateAnnotations(meta.annotations, `${path}.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
  const ephemeral = template.spec?.ephemeralContainers;
  if (Array.isArray(ephemeral) && ephemeral.length > 0) {
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

function validateObjectName(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'string' || value.length === 0) return [];
  return nameIsDNSSubdomain(value, false).map((m) => invalid(path, value, m));
}

/** ValidatePodSpec, in Kubernetes' order. */
export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(`${path}.terminationGracePeriodSeconds`));
  }
  const { valid: volumes, errors: volumeErrs } = validateVolumes(spec.volumes ?? [], `${path}.volumes`);
  errs.push(...volumeErrs);
  errs.push(...validateContainers(spec.containers ?? [], volumes, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers ?? [], spec.containers ?? [], volumes, `${path}.initContainers`));
  errs.push(...validateHostNetworkPorts(spec, path));
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  errs.push(...validateLabels(spec.nodeSelector as Record<string, string> | undefined, `${path}.nodeSelector`));
  if (spec.dnsPolicy === 'None' && !isRecord(spec.dnsConfig)) {
    errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  (spec.readinessGates ?? []).forEach((g, i) => {
    const p = `${path}.readinessGates[${i}].conditionType`;
    errs.push(...isQualifiedName(String(g.conditionType ?? '')).map((m) => invalid(p, String(g.conditionType ?? ''), m)));
  });
  errs.push(...validateObjectName(spec.serviceAccountName, `${path}.serviceAccountName`));
  errs.push(...validateObjectName(spec.nodeName, `${path}.nodeName`));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (deadline < 1 || deadline > INT32_MAX)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, INT32_MAX)));
  }
  if (typeof spec.hostname === 'string' && spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, `${path}.hostname`));
  if (typeof spec.subdomain === 'string' && spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, `${path}.subdomain`));
  errs.push(...validateObjectName(spec.priorityClassName, `${path}.priorityClassName`));
  return errs;
}

function validateEnum(value: string | undefined, allowed: string[], path: string): FieldError[] {
  if (!value) return [required(path)];
  return allowed.includes(value) ? [] : [notSupported(path, value, allowed)];
}

// ---- volumes ----------------------------------------------------------------------------

/** ValidateVolumes: returns the names of the volumes that passed (only those can be mounted). */
export function validateVolumes(volumes: Volume[], path: string): { valid: Set<string>; errors: FieldError[] } {
  const valid = new Set<string>();
  const errors: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(vol, p);
    const name = typeof vol.name === 'string' ? vol.name : '';
    if (name.length === 0) el.push(required(`${p}.name`));
    else el.push(...validateDNS1123Label(name, `${p}.name`));
    if (valid.has(name)) el.push(duplicate(`${p}.name`, name));
    if (el.length === 0) valid.add(name);
    else errors.push(...el);
  });
  return { valid, errors };
}

function validateVolumeSource(vol: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const key of VOLUME_SOURCE_KEYS) {
    const source = vol[key];
    if (source === undefined || source === null) continue;
    if (count > 0) {
      errs.push(forbidden(`${path}.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const s = isRecord(source) ? source : {};
    if (key === 'hostPath' && !s.path) errs.push(required(`${path}.hostPath.path`));
    if (key === 'persistentVolumeClaim' && !s.claimName) errs.push(required(`${path}.persistentVolumeClaim.claimName`));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

// ---- containers -------------------------------------------------------------------------

function validateContainers(containers: Container[], volumes: Set<string>, path: string): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = c.name ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (isRecord(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe as Probe | undefined, `${p}.startupProbe`, 'startup'));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Container[], regular: Container[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => c.name));
  inits.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const restartAlways = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && c.restartPolicy !== null && !restartAlways) {
      errs.push(notSupported(`${p}.restartPolicy`, String(c.restartPolicy), ['Always']));
    }
    const name = c.name ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    const hooks: [string, unknown][] = [
      ['lifecycle', c.lifecycle],
      ['livenessProbe', c.livenessProbe],
      ['readinessProbe', c.readinessProbe],
      ['startupProbe', c.startupProbe],
    ];
    if (restartAlways) {
      if (isRecord(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe as Probe | undefined, `${p}.startupProbe`, 'startup'));
    } else {
      for (const [field, value] of hooks) {
        if (value !== undefined && value !== null) {
          errs.push(forbidden(`${p}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    }
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = c.name ?? '';
  if (name.length === 0) errs.push(required(`${path}.name`));
  else errs.push(...validateDNS1123Label(name, `${path}.name`));
  if (!c.image) errs.push(required(`${path}.image`));
  errs.push(...validateEnum(c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, `${path}.terminationMessagePolicy`));
  errs.push(...validateContainerPorts(c.ports ?? [], `${path}.ports`));
  errs.push(...validateEnv(c.env ?? [], `${path}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts ?? [], volumes, `${path}.volumeMounts`));
  errs.push(...validateEnum(c.imagePullPolicy, PULL_POLICIES, `${path}.imagePullPolicy`));
  return errs;
}

function validateContainerPorts(ports: NonNullable<Container['ports']>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(`${p}.name`, port.name as string, m)));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(`${p}.containerPort`, port.containerPort, m)));
    const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(`${p}.hostPort`, hostPort, m)));
    errs.push(...validateEnum(port.protocol, PORT_PROTOCOLS, `${p}.protocol`));
  });
  return errs;
}

const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

function validateEnv(env: NonNullable<Container['env']>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (!ev.name) errs.push(required(`${p}.name`));
    else errs.push(...isEnvVarName(ev.name).map((m) => invalid(`${p}.name`, ev.name, m)));
    if (!isRecord(ev.valueFrom)) return;
    const from = ev.valueFrom;
    const sources = ENV_SOURCES.filter((k) => from[k] !== undefined && from[k] !== null).length;
    const vp = `${p}.valueFrom`;
    if (sources === 0) {
      errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (ev.value) {
      errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: NonNullable<Container['volumeMounts']>, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const p = `${path}[${i}]`;
    const name = m.name ?? '';
    if (name.length === 0) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${p}.name`, name));
    const mountPath = m.mountPath ?? '';
    if (mountPath.length === 0) errs.push(required(`${p}.mountPath`));
    if (mountPoints.has(mountPath)) errs.push(invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

// Port conflicts: the same protocol/hostIP/hostPort used twice across the containers.
function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if (hostPort === 0) return;
      const key = `${port.protocol ?? ''}/${typeof port.hostIP === 'string' ? port.hostIP : ''}/${hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateHostNetworkPorts(spec: PodSpec, path: string): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if (hostPort !== 0 && hostPort !== port.containerPort) {
        errs.push(invalid(`${path}.containers[${ci}].ports[${pi}].hostPort`, hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}
