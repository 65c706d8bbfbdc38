/**
 * Makes sure a container's image is present before it is created (upstream's imageManager.EnsureImageExists):
 * - The pull policy is the container's, defaulting as the API does: Always for a `latest` or absent tag without a
 *   digest, else IfNotPresent.
 * - Never: an absent image is ErrImageNeverPull. IfNotPresent: a present image is used as it is. Always: pulled.
 *   A failing image status is ImageInspectError.
 * - A failed pull is ErrImagePull with the runtime's message and starts a backoff per pod and image (10 s doubling
 *   to 5 min); a sync within it does not pull and reports ImagePullBackOff, its message carrying the last pull error
 *   as upstream does since 1.32: `Back-off pulling image "x": ErrImagePull: <error>`.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../../machinery/clock/clock.js';
import type { ImageService, PodSandboxConfig } from '../../runtime/interface.js';
import { Backoff } from '../backoff.js';
import { ContainerStartError } from './source.js';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** The last path segment's tag (`:x`) and digest (`@sha256:…`) of an image reference. */
function refParts(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const last = named.slice(named.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return { tag: colon === -1 ? undefined : last.slice(colon + 1), digest: at !== -1 };
}

/** The reference with `:latest` added when it has neither tag nor digest (upstream's applyDefaultImageTag). */
export function withDefaultTag(image: string): string {
  const p = refParts(image);
  return p.tag === undefined && !p.digest ? `${image}:latest` : image;
}

export function pullPolicy(c: Readonly<Container>): PullPolicy {
  if (c.imagePullPolicy) return c.imagePullPolicy as PullPolicy;
  const p = refParts(c.image ?? '');
  return p.tag === 'latest' || (p.tag === undefined && !p.digest) ? 'Always' : 'IfNotPresent';
}

export class ImagePuller {
  /** Keys are `<pod uid>/<image>` so Backoff.forgetPod drops a pod's entries. */
  readonly backoff = new Backoff();
  /** The last pull failure per backoff key (`ErrImagePull: <message>`), for the back-off message. */
  private readonly lastError = new Map<string, string>();

  constructor(
    private readonly images: ImageService,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the image is present; rejects with a ContainerStartError otherwise. */
  async ensure(pod: Readonly<Pod>, c: Readonly<Container>, sandbox: PodSandboxConfig): Promise<void> {
    const spec = { image: withDefaultTag(c.image ?? '') };
    const policy = pullPolicy(c);
    if (policy !== 'Always' && (await this.present(c, spec))) return;
    if (policy === 'Never') {
      throw new ContainerStartError('ErrImageNeverPull', `Container image "${c.image}" is not present with pull policy of Never`);
    }
    const key = `${pod.metadata?.uid}/${c.image}`;
    if (this.backoff.isInBackOffSinceUpdate(key, this.now())) {
      const last = this.lastError.get(key);
      throw new ContainerStartError('ImagePullBackOff', `Back-off pulling image "${c.image}"${last ? `: ${last}` : ''}`);
    }
    try {
      await this.images.pullImage(spec, sandbox);
    } catch (e) {
      this.backoff.next(key, this.now());
      const message = e instanceof Error ? e.message : String(e);
      this.lastError.set(key, `ErrImagePull: ${message}`);
      throw new ContainerStartError('ErrImagePull', message);
    }
    this.lastError.delete(key);
  }

  private async present(c: Readonly<Container>, spec: { image: string }): Promise<boolean> {
    try {
      return (await this.images.imageStatus(spec)) !== undefined;
    } catch (e) {
      throw new ContainerStartError('ImageInspectError', `Failed to inspect image "${c.image}": ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  forgetPod(uid: string): void {
    this.backoff.forgetPod(uid);
    for (const k of this.lastError.keys()) if (k.startsWith(`${uid}/`)) this.lastError.delete(k);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
