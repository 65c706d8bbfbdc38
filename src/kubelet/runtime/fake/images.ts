/**
 * The fake ImageService: every pull succeeds at once and yields a stable digest derived from the reference, so
 * imageID looks like a real one (`docker.io/library/nginx@sha256:…`). Names are normalized as containerd does.
 */
import { createHash } from 'node:crypto';
import type { Image, ImageService, ImageSpec } from '../interface.js';

const digests = new Map<string, string>();

/** `nginx` → `docker.io/library/nginx:latest`; `foo/bar:1` → `docker.io/foo/bar:1`. */
export function normalizeImage(ref: string): string {
  let name = ref;
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${name.includes('/') ? '' : 'library/'}${name}`;
  const last = name.split('/').pop()!;
  return last.includes(':') || last.includes('@') ? name : `${name}:latest`;
}

/** The digest form (`repo@sha256:<64 hex>`) of a normalized reference; memoized across nodes. */
export function imageRef(normalized: string): string {
  let d = digests.get(normalized);
  if (!d) {
    d = createHash('sha256').update(normalized).digest('hex');
    digests.set(normalized, d);
  }
  const repo = normalized.replace(/[:@][^/]*$/, '');
  return `${repo}@sha256:${d}`;
}

export class FakeImageService implements ImageService {
  private readonly images = new Map<string, Image>();

  async pullImage(spec: ImageSpec): Promise<string> {
    const name = normalizeImage(spec.image);
    const ref = imageRef(name);
    if (!this.images.has(name)) {
      this.images.set(name, { id: `sha256:${ref.split(':').pop()}`, repoTags: [name], repoDigests: [ref], size: 0 });
    }
    return ref;
  }

  async imageStatus(spec: ImageSpec): Promise<Image | undefined> {
    return this.images.get(normalizeImage(spec.image));
  }

  async listImages(): Promise<Image[]> {
    return [...this.images.values()];
  }
}
