// The simulated image registry (SPEC §11.5, §21): which image references exist, what they resolve
// to, and the runtime's error text when they do not. No network: every answer is a pure function
// of the reference.
//
// Convention: the registry holds EVERY image, except references whose repository or tag contains
// `does-not-exist` or `nonexistent` (case-insensitive), e.g. `nginx:does-not-exist`,
// `example.com/nonexistent/app:1`. Pulling those fails with containerd's NotFound error, so a
// lesson can show ErrImagePull / ImagePullBackOff by typing such a name.
//
// Digests are not real: `sha256:` + a stable 64-hex hash of the normalized reference, so two
// spellings of one reference (`nginx`, `nginx:latest`, `docker.io/library/nginx:latest`) share a
// digest and different tags get different ones.
import { hex64 } from './ids';
import { splitImageReference } from '../api/imageReference';

const MISSING_MARKERS = ['does-not-exist', 'nonexistent'];

export interface ImageReference {
  /** The registry host, e.g. `docker.io`. */
  domain: string;
  /** The repository path inside the registry, e.g. `library/nginx`. */
  path: string;
  /** The tag (`latest` when the reference names neither tag nor digest). */
  tag?: string;
  /** `sha256:…` when the reference pins a digest. */
  digest?: string;
}

/** Docker's reference normalization: `nginx` → docker.io/library/nginx:latest. */
export function parseImageReference(image: string): ImageReference {
  const parts = splitImageReference(image.trim());
  const domain = parts.host ?? 'docker.io';
  const path = domain === 'docker.io' && !parts.path.includes('/') ? `library/${parts.path}` : parts.path;
  const tag = !parts.tag && !parts.digest ? 'latest' : parts.tag;
  return { domain, path, tag, digest: parts.digest };
}

const normalized = new Map<string, string>();

/** The fully qualified reference, the key of a node's image cache. */
export function normalizeImage(image: string): string {
  let ref = normalized.get(image);
  if (ref === undefined) {
    const r = parseImageReference(image);
    ref = `${r.domain}/${r.path}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
    if (normalized.size < 10_000) normalized.set(image, ref);
  }
  return ref;
}

/** Whether the simulated registry has this image (see the convention above). */
export function imageExists(image: string): boolean {
  const r = parseImageReference(image);
  const text = `${r.domain}/${r.path}:${r.tag ?? ''}`.toLowerCase();
  return !MISSING_MARKERS.some((m) => text.includes(m));
}

/** The digest the registry serves for a reference. */
export function imageDigest(image: string): string {
  const r = parseImageReference(image);
  if (r.digest) return r.digest;
  return `sha256:${hex64(`image:${r.domain}/${r.path}:${r.tag}`)}`;
}

const imageIds = new Map<string, string>();

/** The container status `imageID` containerd reports: `docker.io/library/nginx@sha256:…`. */
export function imageIdOf(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    const r = parseImageReference(image);
    id = `${r.domain}/${r.path}@${imageDigest(image)}`;
    // A pure function of the text: memoized, bounded by the distinct references a run uses.
    if (imageIds.size < 10_000) imageIds.set(image, id);
  }
  return id;
}

/** containerd's error for a reference the registry does not have (the kubelet wraps it). */
export function pullErrorMessage(image: string): string {
  const ref = normalizeImage(image);
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": ` +
    `failed to resolve reference "${ref}": ${ref}: not found`
  );
}
