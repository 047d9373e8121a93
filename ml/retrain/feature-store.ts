/**
 * Cache of correction features: one file per party of a call and the exact labels on it, keyed by
 * content (recording hash, channel, labels, feature and pooling versions). A label edited since
 * changes the key; the next retraining recomputes that party only.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FEATURE_SPEC } from '../dsp';
import { POOLED_DIM, POOLING_VERSION } from '../model/pooling';
import { partyFeatures, type PartyCorrections, type PartyFeatures } from './correction-features';

/** Bumped when an entry's layout changes (v2: the party's robust statistics beside its mean/std). */
const CACHE_LAYOUT = 'party-features-v2';

export function partyKey(party: PartyCorrections): string {
  const spans = party.spans.map((s) => `${s.start.toFixed(3)}-${s.end.toFixed(3)}-${s.emotion}`).join(',');
  const text = [party.recordingId, party.channel, JSON.stringify(party.select), FEATURE_SPEC.version, POOLING_VERSION, CACHE_LAYOUT, spans].join('|');
  return createHash('sha1').update(text).digest('hex');
}

interface Meta {
  recordingId: string;
  channel: number;
  count: number;
  examples: Array<{ label: number; start: number; end: number }>;
}

/** mean, std, robust centre, robust spread: then one row per example. */
const HEAD_ROWS = 4;

function serialise(f: PartyFeatures): Buffer {
  const meta: Meta = { recordingId: f.recordingId, channel: f.channel, count: f.stats.count, examples: f.examples.map(({ label, start, end }) => ({ label, start, end })) };
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const floats = new Float32Array(POOLED_DIM * (HEAD_ROWS + f.examples.length));
  floats.set(f.stats.mean, 0);
  floats.set(f.stats.std, POOLED_DIM);
  floats.set(f.robust.mean, 2 * POOLED_DIM);
  floats.set(f.robust.std, 3 * POOLED_DIM);
  f.examples.forEach((e, i) => floats.set(e.pooled, POOLED_DIM * (HEAD_ROWS + i)));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  const pad = Buffer.alloc((4 - ((4 + json.length) % 4)) % 4);
  return Buffer.concat([head, json, pad, Buffer.from(floats.buffer)]);
}

function deserialise(data: Buffer): PartyFeatures {
  const length = data.readUInt32LE(0);
  const meta = JSON.parse(data.toString('utf8', 4, 4 + length)) as Meta;
  const at = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  const copy = new Float32Array(data.buffer.slice(data.byteOffset + at, data.byteOffset + data.byteLength));
  if (copy.length !== POOLED_DIM * (HEAD_ROWS + meta.examples.length)) throw new Error('feature cache entry has the wrong size');
  const row = (i: number): Float32Array => copy.slice(POOLED_DIM * i, POOLED_DIM * (i + 1));
  return {
    recordingId: meta.recordingId,
    channel: meta.channel,
    stats: { mean: row(0), std: row(1), count: meta.count },
    robust: { mean: row(2), std: row(3), count: meta.count },
    examples: meta.examples.map((e, i) => ({ ...e, pooled: row(HEAD_ROWS + i) })),
  };
}

/** The party's features from the cache, else computed from the audio and stored. */
export async function cachedPartyFeatures(party: PartyCorrections, cacheDir: string | null, signal?: AbortSignal): Promise<PartyFeatures> {
  const file = cacheDir ? path.join(cacheDir, `${partyKey(party)}.bin`) : null;
  if (file) {
    try {
      return deserialise(await fs.readFile(file));
    } catch {
      // missing or unreadable: recompute
    }
  }
  const features = await partyFeatures(party, signal);
  if (file && cacheDir) {
    await fs.mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, serialise(features));
    await fs.rename(tmp, file);
  }
  return features;
}
