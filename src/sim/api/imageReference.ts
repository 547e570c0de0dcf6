// Splitting a container image reference the way Docker's reference grammar does:
// [host[:port]/]path[:tag][@digest]. The first path component is a host only when it has a dot,
// a port or is "localhost". Both the pull-policy default and the simulated registry build on it.

export interface ImageReferenceParts {
  /** The registry host when the reference names one. */
  host?: string;
  /** The repository path as written (not normalized). */
  path: string;
  tag?: string;
  digest?: string;
}

export function splitImageReference(image: string): ImageReferenceParts {
  let rest = image;
  const parts: ImageReferenceParts = { path: '' };
  const at = rest.indexOf('@');
  if (at >= 0) {
    parts.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    parts.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    parts.host = first;
    rest = rest.slice(slash + 1);
  }
  parts.path = rest;
  return parts;
}
