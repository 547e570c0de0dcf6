// TestGetOrGenAvailableIDs (kruise sync/cloneset_scale_test.go): instance ids for new pods, free
// PVC ids first, then random ones (SPEC §9.3). The expectation is a description of the ids, so the
// result is described the same way: how many, which were reused, and what the random ones look like.
import { INSTANCE_ID_ALPHABET, LABEL_INSTANCE_ID } from '../../api/constants';
import type { PersistentVolumeClaim, Pod } from '../../api/types';
import { getOrGenAvailableIDs } from '../../controller/podCreation';
import { Rng } from '../../rng';
import { CaseFormatError, type TableAdapter } from '../types';
import { list, record } from './rolloutFixtures';

function ids(v: unknown, what: string): string[] {
  return list(v, what).map((p, i) => {
    const id = record(p, `${what}[${i}]`).instanceId;
    if (typeof id !== 'string') throw new CaseFormatError(`${what}[${i}].instanceId: expected a string`);
    return id;
  });
}

const labelsOf = (id: string): Record<string, string> => (id ? { [LABEL_INSTANCE_ID]: id } : {});

/** The alphabet the ids were drawn from: kruise's, if every character is in it. */
function alphabetOf(generated: string[]): string {
  const chars = new Set(generated.join(''));
  return [...chars].every((ch) => INSTANCE_ID_ALPHABET.includes(ch)) ? INSTANCE_ID_ALPHABET : [...chars].sort().join('');
}

const adapter: TableAdapter = {
  test: 'TestGetOrGenAvailableIDs',
  evaluate(c) {
    const podIDs = ids(c.pods, 'pods');
    const pvcIDs = ids(c.pvcs, 'pvcs');
    if (typeof c.num !== 'number') throw new CaseFormatError('num: expected a number');
    const pods: Pod[] = podIDs.map((id, i) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, labels: labelsOf(id) }, spec: { containers: [] }, status: {},
    }));
    const pvcs: PersistentVolumeClaim[] = pvcIDs.map((id, i) => ({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `pvc-${i}`, labels: labelsOf(id) }, spec: {}, status: {},
    }));

    const got = getOrGenAvailableIDs(c.num, pods, pvcs, new Rng(1));
    const existing = [...new Set([...podIDs, ...pvcIDs].filter((id) => id !== ''))].sort();
    const reused = got.filter((id) => pvcIDs.includes(id));
    const generated = got.filter((id) => !pvcIDs.includes(id));
    const lengths = [...new Set(generated.map((id) => id.length))];
    return {
      count: got.length,
      mustContain: reused,
      otherIdsAreRandom: generated.length === 0 ? null : {
        length: lengths.length === 1 ? lengths[0] : lengths,
        alphabet: alphabetOf(generated),
        notIn: existing.filter((id) => !generated.includes(id)),
      },
    };
  },
};

export default adapter;
