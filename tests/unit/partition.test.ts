import { describe, expect, it } from 'vitest';
import { calculatePartitionReplicas, expectedUpdatedReplicas } from '../../src/sim/controller/partition';

const INT32_MAX = 2147483647;

describe('calculatePartitionReplicas', () => {
  // kruise reads a percent partition as a float and rounds the old-pod count UP.
  it.each([
    ['12.5%', 8, 1],
    ['12.5%', 10, 2],
    ['0.01%', 9, 1],
    ['0.01%', 0, 0],
    ['50%', null, 1], // unset replicas count as 1; with one pod no "leave one to update" rule
    ['0%', 10, 0],
  ])('fractional and small percents: %s of %s → %s', (partition, replicas, pods) => {
    expect(calculatePartitionReplicas(partition, replicas)).toEqual({ partitionPods: pods });
  });

  // Below "100%" and more than one pod: at least one pod is updated, but only the literal
  // string "100%" escapes, so "100.0%" and "1e2%" (ParseFloat accepts both) keep one pod fewer.
  it.each([
    ['99.99%', 999, 998],
    ['100%', 10, 10],
    ['100.0%', 10, 9],
    ['1e2%', 10, 9],
    ['150%', 10, 10], // the rule only looks at an exact match, so over 100% keeps every pod
    ['99%', 1, 1],
  ])('the "at least one updated" rule: %s of %s → %s', (partition, replicas, pods) => {
    expect(calculatePartitionReplicas(partition, replicas).partitionPods).toBe(pods);
  });

  it('clamps integers to [0, replicas] without the percent rule', () => {
    expect(calculatePartitionReplicas(20, 10).partitionPods).toBe(10);
    expect(calculatePartitionReplicas(10, 10).partitionPods).toBe(10);
    expect(calculatePartitionReplicas(-3, 10).partitionPods).toBe(0);
  });

  it('handles int32 limits', () => {
    expect(calculatePartitionReplicas(INT32_MAX, INT32_MAX).partitionPods).toBe(INT32_MAX);
    expect(calculatePartitionReplicas('100%', INT32_MAX).partitionPods).toBe(INT32_MAX);
    expect(calculatePartitionReplicas('50%', INT32_MAX).partitionPods).toBe(1073741824);
    expect(calculatePartitionReplicas('99.9999999%', INT32_MAX).partitionPods).toBe(2147483645);
    expect(calculatePartitionReplicas('0.0000001%', INT32_MAX).partitionPods).toBe(3);
  });

  // Unlike maxSurge/maxUnavailable, the partition parser requires the "%" suffix.
  it.each(['5', '100', 'abc%', '%', ''])('rejects %j', (partition) => {
    const r = calculatePartitionReplicas(partition, 9);
    expect(r.partitionPods).toBe(0);
    expect(r.error).toBeTypeOf('string');
  });

  it('treats an unset partition as 0 even with odd replicas', () => {
    expect(calculatePartitionReplicas(undefined, INT32_MAX)).toEqual({ partitionPods: 0 });
    expect(calculatePartitionReplicas(null, 0)).toEqual({ partitionPods: 0 });
  });
});

describe('expectedUpdatedReplicas', () => {
  it('is replicas minus the partition pods', () => {
    expect(expectedUpdatedReplicas('60%', 5)).toBe(2);
    expect(expectedUpdatedReplicas(8, 5)).toBe(0);
    expect(expectedUpdatedReplicas(undefined, 5)).toBe(5);
  });

  it('stays 0 when the partition cannot be read (kruise skips the field)', () => {
    expect(expectedUpdatedReplicas('5', 10)).toBe(0);
  });
});
