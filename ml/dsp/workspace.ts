/**
 * Reusable memory for computeFrameFeatures. Estimating the chroma tuning needs every frame's
 * spectrum before chroma can be computed, so the magnitudes are kept (4 · 1025 bytes per frame,
 * ~106 MB for 10 minutes at 22050 Hz). Without a workspace that buffer is allocated per call;
 * a pipeline that analyses many signals can pass one workspace and skip the allocation (and the
 * page faults of fresh memory), then call release() when done.
 */
export class FeatureWorkspace {
  private spectra?: Float32Array;

  /** A buffer of at least `length` floats; its contents are unspecified. */
  take(length: number): Float32Array {
    if (!this.spectra || this.spectra.length < length) this.spectra = new Float32Array(length);
    return this.spectra;
  }

  /** Bytes currently held. */
  get heldBytes(): number {
    return this.spectra ? this.spectra.byteLength : 0;
  }

  release(): void {
    this.spectra = undefined;
  }
}
