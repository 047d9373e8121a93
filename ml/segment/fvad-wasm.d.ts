/** Types for the Emscripten build of libfvad (the package ships none). */
declare module '@echogarden/fvad-wasm' {
  export interface FvadModule {
    _fvad_new(): number;
    _fvad_free(handle: number): void;
    _fvad_reset(handle: number): void;
    /** 0 (least aggressive) … 3; returns 0 on success. */
    _fvad_set_mode(handle: number, mode: number): number;
    /** 8000, 16000, 32000 or 48000; returns 0 on success. */
    _fvad_set_sample_rate(handle: number, sampleRate: number): number;
    /** 1 speech, 0 not, -1 invalid frame length (10, 20 or 30 ms of int16 samples). */
    _fvad_process(handle: number, frame: number, length: number): number;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    HEAP16: Int16Array;
  }
  const createFvad: (moduleArg?: Record<string, unknown>) => Promise<FvadModule>;
  export default createFvad;
}
