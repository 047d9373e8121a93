import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolveFfmpeg } from '../../../ml/audio/ffmpeg-path';

/**
 * A stereo call of `seconds` (8 kHz μ-law, like a call recorder's), generated once with ffmpeg and
 * kept in the temp folder: an hour is 57 MB and takes a few seconds to make.
 */
export function longCallWav(seconds = 3600): string {
  const dir = join(tmpdir(), 'emoqa-ui-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `call-${seconds}s.wav`);
  if (existsSync(path)) return path;
  const partial = `${path}.part.wav`;
  // Two parties taking turns: tones under slow envelopes, so the waveform has shape at every zoom.
  const left = '0.5*sin(2*PI*180*t)*sin(PI*t/5.3)*sin(PI*t/5.3)*(0.6+0.4*sin(2*PI*t/0.37))';
  const right = '0.5*sin(2*PI*260*t)*cos(PI*t/4.1)*cos(PI*t/4.1)*(0.6+0.4*sin(2*PI*t/0.29))';
  execFileSync(resolveFfmpeg().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc=${left}|${right}:s=8000:d=${seconds}`, '-c:a', 'pcm_mulaw', partial]);
  renameSync(partial, path);
  return path;
}
