// TestCalculatePartitionReplicas (kruise pkg/util/tools_test.go): SPEC §7.1.
import { calculatePartitionReplicas } from '../../controller/partition';
import type { TableAdapter } from '../types';
import { intOrString, optionalNumber } from './rolloutFixtures';

const adapter: TableAdapter = {
  test: 'TestCalculatePartitionReplicas',
  evaluate(c) {
    const r = calculatePartitionReplicas(intOrString(c.partition, 'partition'), optionalNumber(c.replicas, 'replicas'));
    return { partitionPods: r.partitionPods, error: r.error !== undefined };
  },
};

export default adapter;
