// Deterministic identifiers of the node layer: container IDs and image digests. They are hashes
// of stable inputs (pod UID, container name, restart count; image reference) rather than draws
// from the cluster's Rng, so kubelet activity never shifts the controller's random instance ids.

/** 32-bit FNV-1a over the UTF-16 code units of a text. */
function fnv32a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so that nearby inputs give unrelated outputs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX_DIGITS = '0123456789abcdef';
/** The character codes of one id, reused: the string is made from them in one call (flat, no pieces). */
const hexCodes = new Array<number>(64);

/** 64 lowercase hex characters derived from a text (looks like a sha256, is not one). */
export function hex64(text: string): string {
  // One pass to seed, then splitmix32 for the eight words, written out most significant digit first.
  let s = fnv32a(text);
  for (let i = 0; i < 8; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    for (let k = 7; k >= 0; k--) {
      hexCodes[i * 8 + k] = HEX_DIGITS.charCodeAt(z & 15);
      z >>>= 4;
    }
  }
  // (Number#toString(16) and padStart per word cost six times as much)
  return String.fromCharCode.apply(null, hexCodes);
}

/** `containerd://<64 hex>`, unique per pod UID, container name and restart count. */
export function containerIdOf(podUid: string, containerName: string, restartCount: number): string {
  return ['containerd://', hex64(`container:${podUid}/${containerName}/${restartCount}`)].join('');
}
