// Pod and host addresses, deterministic (like a kubeadm + flannel cluster):
// - node number N (1-based, nodes in natural name order: node-1, node-2, …, node-10) owns the pod
//   CIDR 10.244.N.0/24; pods get .2, .3, … (.1 is the bridge), round-robin like host-local IPAM,
//   so an address is reused only after the range has wrapped;
// - a node running more than 253 pods at once borrows further /24 blocks from 10.245.0.0/16 on,
//   in the order nodes need them (only very large simulations get there);
// - the host IP is the node's InternalIP address, else 192.168.0.(10 + N).

const FIRST_HOST = 2;
const HOSTS_PER_BLOCK = 253; // .2 … .254

const naturalKeys = new Map<string, (string | number)[]>();

/** A name cut into text and number parts, cached: node names are few and compared very often. */
function naturalKey(name: string): (string | number)[] {
  let key = naturalKeys.get(name);
  if (!key) {
    key = name.split(/(\d+)/).map((p, i) => (i % 2 ? Number(p) : p));
    naturalKeys.set(name, key);
  }
  return key;
}

/** Natural order of names: "node-2" before "node-10". */
export function compareNodeNames(a: string, b: string): number {
  if (a === b) return 0;
  const pa = naturalKey(a);
  const pb = naturalKey(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Hands out the borrowed /24 blocks, shared by all nodes of a cluster. */
export class OverflowBlocks {
  private next = 0;

  take(): string {
    const k = this.next++;
    return `10.${245 + Math.floor(k / 256)}.${k % 256}`;
  }
}

/** One node's pod addresses. */
export class PodAddressPool {
  private readonly blocks: string[];
  private readonly inUse = new Set<number>();
  private cursor = -1;

  constructor(
    nodeNumber: number,
    private readonly overflow: OverflowBlocks,
  ) {
    this.blocks = [`10.244.${nodeNumber}`];
  }

  allocate(): string {
    const capacity = this.blocks.length * HOSTS_PER_BLOCK;
    if (this.inUse.size >= capacity) {
      this.blocks.push(this.overflow.take());
      return this.allocate();
    }
    let i = this.cursor;
    do i = (i + 1) % capacity;
    while (this.inUse.has(i));
    this.cursor = i;
    this.inUse.add(i);
    return this.addressOf(i);
  }

  release(address: string): void {
    for (let b = 0; b < this.blocks.length; b++) {
      const prefix = `${this.blocks[b]}.`;
      if (address.startsWith(prefix)) {
        this.inUse.delete(b * HOSTS_PER_BLOCK + Number(address.slice(prefix.length)) - FIRST_HOST);
        return;
      }
    }
  }

  private addressOf(i: number): string {
    return `${this.blocks[Math.floor(i / HOSTS_PER_BLOCK)]}.${FIRST_HOST + (i % HOSTS_PER_BLOCK)}`;
  }
}
