import { describe, expect, it } from 'vitest';
import { spatialLayerForTile } from './layers.js';

describe('simulcast layer for a tile', () => {
  it('sends the smallest layer to thumbnails and the full one to a large tile', () => {
    expect(spatialLayerForTile(0)).toBe(0);
    expect(spatialLayerForTile(180)).toBe(0);
    expect(spatialLayerForTile(201)).toBe(1);
    expect(spatialLayerForTile(360)).toBe(1);
    expect(spatialLayerForTile(720)).toBe(2);
  });
});
