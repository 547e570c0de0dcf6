// `kubectl describe cloneset`: kubectl has no describer for kruise's kinds, so it uses the generic
// one: Name, Namespace, Labels, Annotations, then every field of the object as the API server
// returns it (sorted, nested one level deeper per map, labels from smartLabelFor), then Events.
// The object is in the shape kruise's Go types marshal to (apiObject.ts: cloneSetWireForm).
import type { CloneSet, KubeEvent } from '../sim/api/types';
import { PrefixWriter } from './describeWriter';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent } from './describeCommon';
import { cloneSetWireForm } from './apiObject';

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
