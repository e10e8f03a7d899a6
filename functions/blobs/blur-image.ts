/**
 * The image side of blurring a published photo (functions/services/photo-blur.ts): the regions are
 * pixelated (to 1/12 of their size) and then blurred, so nothing of a face or a plate survives,
 * and the rest of the image is left as it was. It needs sharp, so it lives with the blob stores
 * that can run it: the local folder store (`npm start`, tests) and, in the cloud, the upload
 * publisher's function, the only one that ships sharp (the API hands blurs to it:
 * functions/blobs/blur-remote.ts). sharp loads on the first blur, not when the module loads.
 */

export interface BlurRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

const THUMB_WIDTH = 320;

export interface BlurredImage {
  width: number;
  height: number;
  /** The regions actually blurred, cut to the image. */
  regions: BlurRegion[];
  published: Uint8Array;
  thumbnail: Uint8Array;
}

export async function blurImage(
  original: Uint8Array,
  type: string,
  cutRegions: (width: number, height: number) => BlurRegion[],
): Promise<BlurredImage> {
  const { default: sharp } = await import('sharp');
  const { width = 0, height = 0 } = await sharp(original).metadata();
  const regions = cutRegions(width, height);
  const patches = await Promise.all(
    regions.map(async (r) => {
      const small = await sharp(original)
        .extract({ left: r.x, top: r.y, width: r.width, height: r.height })
        .resize(Math.max(1, Math.round(r.width / 12)), Math.max(1, Math.round(r.height / 12)))
        .toBuffer();
      const input = await sharp(small)
        .resize(r.width, r.height, { kernel: 'nearest' })
        .blur(Math.max(1, Math.min(r.width, r.height) / 8))
        .toBuffer();
      return { input, left: r.x, top: r.y };
    }),
  );
  const composed = sharp(original).composite(patches);
  const formatted =
    type === 'image/png'
      ? composed.png()
      : type === 'image/webp'
        ? composed.webp({ quality: 85 })
        : composed.jpeg({ quality: 85, mozjpeg: true });
  const published = new Uint8Array(await formatted.toBuffer());
  const thumbnail = new Uint8Array(
    await sharp(published)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer(),
  );
  return { width, height, regions, published, thumbnail };
}
