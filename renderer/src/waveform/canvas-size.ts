/**
 * Sizes a canvas's backing store to its CSS size times the device pixel ratio (sharp on HiDPI), only
 * when it changed: resizing a canvas clears it and costs a reallocation.
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number, ratio: number): boolean {
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width === width && canvas.height === height) return false;
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  return true;
}
