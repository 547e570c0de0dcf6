// SPEC §2 item 4 (continued): Kubernetes' checks of container probes and lifecycle handlers
// (pkg/apis/core/validation validateProbe / validateHandler), as the CloneSet webhook runs them on
// a defaulted pod template.
import { forbidden, invalid, notSupported, required, type FieldError } from './fieldErrors';
import { isValidPortName, isValidPortNum, validateNonnegativeField } from './k8sNames';
import type { Probe } from './types';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HTTP_SCHEMES = ['HTTP', 'HTTPS'];

const HANDLER_KINDS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  const name = typeof port === 'string' ? port : '';
  return isValidPortName(name).map((m) => invalid(path, name, m));
}

function validateHandler(handler: Json, path: string, allowed: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLER_KINDS) {
    if (!allowed.includes(kind)) continue;
    const h = handler[kind];
    if (h === undefined || h === null) continue;
    if (count > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const hp = `${path}.${kind}`;
    const body = isRecord(h) ? h : {};
    if (kind === 'exec' && !(Array.isArray(body.command) && body.command.length > 0)) errs.push(required(`${hp}.command`));
    if (kind === 'httpGet') {
      if (!body.path) errs.push(required(`${hp}.path`));
      errs.push(...validatePortNumOrName(body.port, `${hp}.port`));
      const scheme = typeof body.scheme === 'string' ? body.scheme : '';
      if (!HTTP_SCHEMES.includes(scheme)) errs.push(notSupported(`${hp}.scheme`, scheme, HTTP_SCHEMES));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(body.port, `${hp}.port`));
    if (kind === 'grpc') {
      const port = typeof body.port === 'number' ? body.port : 0;
      errs.push(...isValidPortNum(port).map((m) => invalid(`${hp}.port`, port, m)));
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

export function validateLifecycle(lifecycle: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = lifecycle[hook];
    if (isRecord(h)) errs.push(...validateHandler(h, `${path}.${hook}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  return errs;
}

export function validateProbe(probe: Probe | undefined, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isRecord(probe)) return [];
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegativeField(probe[field] ?? 0, `${path}.${field}`));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && grace !== undefined && grace !== null) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace as number, 'must not be set for readinessProbes'));
  }
  return errs;
}
