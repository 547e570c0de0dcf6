// `kubectl describe cloneset`: kubectl has no describer for kruise's kinds, so it uses the generic
// one: Name, Namespace, Labels, Annotations, then every field of the object as the API server
// returns it (sorted, nested one level deeper per map, labels from smartLabelFor), then Events.
// The object is first put in the shape kruise's Go types marshal to: omitempty fields that are
// zero are gone, struct fields that are never omitted (scaleStrategy, a template's
// creationTimestamp: null, a container's resources) are there.
import type { CloneSet, KubeEvent } from '../sim/api/types';
import { podTemplateToGoJson } from '../sim/api/goJson';
import { PrefixWriter } from './describeWriter';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent } from './describeCommon';
import { apiJsonOf } from './describeApiJson';

/** CloneSetStatus fields tagged omitempty (apps/v1alpha1 cloneset_types.go). */
const STATUS_OMITEMPTY = ['observedGeneration', 'updatedAvailableReplicas', 'expectedUpdatedReplicas', 'updateRevision', 'currentRevision', 'conditions', 'labelSelector'];

const isEmpty = (v: unknown) => v === undefined || v === null || v === 0 || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** The CloneSet as `kubectl get -o json` shows it. */
export function cloneSetWireForm(cs: CloneSet): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...cs.spec, template: podTemplateToGoJson(cs.spec.template), scaleStrategy: cs.spec.scaleStrategy ?? {} };
  if (cs.spec.volumeClaimTemplates) {
    spec.volumeClaimTemplates = cs.spec.volumeClaimTemplates.map((t) => ({ ...t, metadata: { ...t.metadata, creationTimestamp: null } }));
  }
  for (const k of ['minReadySeconds', 'volumeClaimTemplates'] as const) if (isEmpty(spec[k])) delete spec[k];
  const status: Record<string, unknown> = { replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0, updatedReadyReplicas: 0, ...cs.status };
  for (const k of STATUS_OMITEMPTY) if (isEmpty(status[k])) delete status[k];
  return apiJsonOf({ ...cs, spec, status }) as Record<string, unknown>;
}

export function describeCloneSet(cs: CloneSet, events: readonly KubeEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cs.metadata.name}\n`);
  w.write(0, `Namespace:\t${cs.metadata.namespace ?? 'default'}\n`);
  printLabelsMultiline(w, 'Labels', cs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cs.metadata.annotations);
  printUnstructuredContent(w, 0, cloneSetWireForm(cs), '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(w, events, now);
  return w.toString();
}
