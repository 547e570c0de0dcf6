// One node's container images (SPEC §21 "keep a per-node image cache"): what is present, and the
// pulls under way. Pulls run in parallel, but two pulls of the same reference on one node share
// the download (as containerd's content store does): a second pull started while the first is
// under way finishes with it, and reports the remaining time.
import { imageExists, normalizeImage } from './registry';

/** What a pull will do, decided when it starts. Times in virtual milliseconds. */
export interface PullPlan {
  /** How long until the pull ends (done or failed). */
  ms: number;
  /** The registry does not have the image: the pull ends in failure. */
  fails: boolean;
}

export interface ImageStoreTimings {
  /** Full download time of a reference, in seconds. */
  pullSeconds(image: string): number;
  /** How long resolving a reference the registry lacks takes before failing, in seconds. */
  failedPullSeconds: number;
}

export class ImageStore {
  /** Normalized references present on the node, in the order they arrived. */
  private readonly present = new Set<string>();
  /** Normalized reference → virtual ms when its download completes. */
  private readonly downloads = new Map<string, number>();

  constructor(
    private readonly timings: ImageStoreTimings,
    private readonly nowMs: () => number,
  ) {}

  has(image: string): boolean {
    return this.present.has(normalizeImage(image));
  }

  /** Starts (or joins) a pull of `image`. */
  beginPull(image: string): PullPlan {
    if (!imageExists(image)) return { ms: this.timings.failedPullSeconds * 1000, fails: true };
    const ref = normalizeImage(image);
    const now = this.nowMs();
    const running = this.downloads.get(ref);
    if (running !== undefined && running > now) return { ms: running - now, fails: false };
    const ms = Math.max(0, this.timings.pullSeconds(image) * 1000);
    this.downloads.set(ref, now + ms);
    return { ms, fails: false };
  }

  /** A pull finished: the image is on the node from now on. */
  completePull(image: string): void {
    const ref = normalizeImage(image);
    this.present.add(ref);
    this.downloads.delete(ref);
  }

  /** Cached references and downloads under way, for the model view. */
  describe(): { images: string[]; pulling: string[] } {
    const now = this.nowMs();
    return {
      images: [...this.present],
      pulling: [...this.downloads].filter(([, at]) => at > now).map(([ref]) => ref),
    };
  }
}
