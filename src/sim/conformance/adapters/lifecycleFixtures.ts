// Fixtures of the lifecycle hook tables: `hook` (labelsHandler, finalizersHandler; null = no hook)
// and `pod` (labels, finalizers; null = no pod).
import type { LifecycleHook, Pod } from '../../api/types';
import { CaseFormatError, type TableCase } from '../types';
import { isRecord } from './inplaceFixtures';

function strings(v: unknown, what: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new CaseFormatError(`${what}: expected a list of strings`);
  return v;
}

function stringMap(v: unknown, what: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v) || !Object.values(v).every((s) => typeof s === 'string')) throw new CaseFormatError(`${what}: expected a string map`);
  return v as Record<string, string>;
}

export function hookAndPod(c: TableCase): { hook: LifecycleHook | null; pod: Pod | null } {
  let hook: LifecycleHook | null = null;
  if (c.hook !== null && c.hook !== undefined) {
    if (!isRecord(c.hook)) throw new CaseFormatError('hook: expected an object or null');
    hook = { labelsHandler: stringMap(c.hook.labelsHandler, 'hook.labelsHandler'), finalizersHandler: strings(c.hook.finalizersHandler, 'hook.finalizersHandler') };
  }
  let pod: Pod | null = null;
  if (c.pod !== null && c.pod !== undefined) {
    if (!isRecord(c.pod)) throw new CaseFormatError('pod: expected an object or null');
    pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod-0', labels: stringMap(c.pod.labels, 'pod.labels'), finalizers: strings(c.pod.finalizers, 'pod.finalizers') },
      spec: { containers: [] },
      status: {},
    };
  }
  return { hook, pod };
}
