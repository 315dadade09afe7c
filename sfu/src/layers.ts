/**
 * The simulcast layer worth sending to a tile of this height: the three layers are encoded at
 * 1/4, 1/2 and full resolution of the camera (typically 180p, 360p, 720p).
 */
export function spatialLayerForTile(height: number): 0 | 1 | 2 {
  if (height <= 200) return 0;
  if (height <= 400) return 1;
  return 2;
}
