// TestDeletePods (kruise sync/cloneset_scale_test.go): deleting pods also deletes the PVCs with
// the same instance id (SPEC §9.1, §14).
import { LABEL_INSTANCE_ID } from '../../api/constants';
import type { PersistentVolumeClaim, Pod } from '../../api/types';
import { deletePods } from '../../controller/podDeletion';
import { CaseFormatError, type TableAdapter } from '../types';
import { list, record } from './rolloutFixtures';

function named(v: unknown, what: string): { name: string; instanceId: string } {
  const f = record(v, what);
  if (typeof f.name !== 'string') throw new CaseFormatError(`${what}.name: expected a string`);
  return { name: f.name, instanceId: typeof f.instanceId === 'string' ? f.instanceId : '' };
}

const labelsOf = (id: string): Record<string, string> => (id ? { [LABEL_INSTANCE_ID]: id } : {});

const adapter: TableAdapter = {
  test: 'TestDeletePods',
  evaluate(c) {
    const pods: Pod[] = list(c.pods, 'pods').map((p, i) => {
      const f = named(p, `pods[${i}]`);
      return { apiVersion: 'v1', kind: 'Pod', metadata: { name: f.name, labels: labelsOf(f.instanceId) }, spec: { containers: [] }, status: {} };
    });
    const pvcs: PersistentVolumeClaim[] = list(c.pvcs, 'pvcs').map((p, i) => {
      const f = named(p, `pvcs[${i}]`);
      return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: f.name, labels: labelsOf(f.instanceId) }, spec: {}, status: {} };
    });
    const names = new Set(list(c.podsToDelete, 'podsToDelete'));
    const plan = deletePods({ podsToDelete: pods.filter((p) => names.has(p.metadata.name)), pvcs });
    return {
      modified: plan.modified,
      podsLeft: pods.filter((p) => !plan.podsToDelete.includes(p)).map((p) => p.metadata.name),
      pvcsLeft: pvcs.filter((p) => !plan.pvcsToDelete.includes(p)).map((p) => p.metadata.name),
    };
  },
};

export default adapter;
