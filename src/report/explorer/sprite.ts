/**
 * The sprite of the scatter sample's images that the page's tooltips show:
 * one grayscale PNG with the images in rows of SPRITE_COLUMNS.
 *
 * @module
 */

import { encodeGrayPng, toGrayBytes } from "../png.ts";

/** Images per row of the sprite. */
export const SPRITE_COLUMNS = 100;

/**
 * Lays out `count` images of `height × width` (`[count, height * width]`
 * in [0, 1]) left to right and top to bottom, image `i` at column
 * `i % SPRITE_COLUMNS` and row `floor(i / SPRITE_COLUMNS)`, and encodes the
 * result as a PNG. Cells after the last image stay black.
 */
export function encodeSprite(
  images: Float32Array,
  count: number,
  height: number,
  width: number,
): Uint8Array {
  const columns = spriteColumns(count);
  const rows = Math.max(1, Math.ceil(count / columns));
  const spriteWidth = columns * width;
  const pixels = new Uint8Array(spriteWidth * rows * height);
  const size = height * width;

  for (let i = 0; i < count; i++) {
    const bytes = toGrayBytes(images.subarray(i * size, (i + 1) * size));
    const left = (i % columns) * width;
    const top = Math.floor(i / columns) * height;
    for (let y = 0; y < height; y++) {
      pixels.set(
        bytes.subarray(y * width, (y + 1) * width),
        (top + y) * spriteWidth + left,
      );
    }
  }

  return encodeGrayPng(pixels, spriteWidth, rows * height);
}

/** Number of columns encodeSprite uses for `count` images. */
export function spriteColumns(count: number): number {
  return Math.min(SPRITE_COLUMNS, Math.max(1, count));
}
