import { ContainerImage } from '../../core/container-image';

/** The `runtime_source` block of an image-backed Render service (`image_url` takes no tag: Render wants it apart). */
export function renderImageSource(image: ContainerImage, registryCredentialId?: string) {
  return {
    image: {
      imageUrl: image.repository,
      tag: image.tag,
      digest: image.digest,
      registryCredentialId,
    },
  };
}
