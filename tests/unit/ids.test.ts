import { describe, expect, it } from 'vitest';
import { containerIdOf, hex64 } from '../../src/sim/node/ids';

// Ids are part of what a saved or shared run shows (container IDs, image digests): they must not
// change from one version to the next. These values were produced by the first implementation.
describe('hex64 and container ids', () => {
  it('gives the same 64 hex characters as before for the same text', () => {
    expect(hex64('')).toBe('88573cfcc29e99a41621c89a3c0bbb41eab7d26249d5ee775ea79a0fcd8a2dca');
    expect(hex64('a')).toBe('8c8df7790b94e118d2abba1cfbcd13ee0a36aed177e83087700ad17b19e43840');
    expect(hex64('image:docker.io/library/nginx:1.26')).toBe('9b55d0153c00ff2a2a23392eb694c081b423d35a47551b01c3672c2ec1a9bdfa');
    expect(hex64('π ü 中文')).toBe('ce159192e2a1b5d0231f432c472c7d1d7f12f67368e998f6e8efe2b1a4b97036');
  });

  it('derives a container id from pod UID, container name and restart count', () => {
    const uid = '00000000-0000-4000-8000-000000000001';
    expect(containerIdOf(uid, 'nginx', 1)).toBe('containerd://2a2b25b28326f14f7c2db5dd6ad0c4c2a3031b6a694025d04db5d98a92dd311b');
    expect(containerIdOf(uid, 'nginx', 2)).not.toBe(containerIdOf(uid, 'nginx', 1));
    expect(containerIdOf(uid, 'nginx', 1)).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });
});
