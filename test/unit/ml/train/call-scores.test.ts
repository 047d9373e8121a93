import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readCallTruth } from '../../../../ml/train/call-scores';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emoqa-truth-'));
  dirs.push(dir);
  return dir;
}

it("reads make_calls.py's truth beside a call's stereo wav or mono mix, with or without speakers", () => {
  const dir = folder();
  const truth = { duration_s: 12.5, scenario: 'realistic', segments: [
    { start: 0.5, end: 2, channel: 'agent', emotion: 'neutral', source: 'ravdess/Actor_01/a.flac', speaker: 'A01' },
    { start: 2.5, end: 4, channel: 'customer', emotion: 'angry', source: 'tess/OAF/b.flac' },
  ] };
  writeFileSync(join(dir, 'call_000.json'), JSON.stringify(truth));
  expect(readCallTruth(join(dir, 'call_000.wav'))).toEqual(truth);
  expect(readCallTruth(join(dir, 'call_000.mono.mp3'))).toEqual(truth);
  expect(readCallTruth(join(dir, 'call_000.json')).segments[1].speaker).toBeUndefined();
});

it('names the file and the field when a truth file is not one', () => {
  const dir = folder();
  writeFileSync(join(dir, 'call_001.json'), JSON.stringify({ duration_s: 3, segments: [{ start: 0, end: 1, channel: 'both', emotion: 'sad', source: 'x' }] }));
  expect(() => readCallTruth(join(dir, 'call_001.wav'))).toThrow(/call_001\.json: not a make_calls\.py truth file \(segments\.0\.channel/);
});
