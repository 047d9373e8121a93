/**
 * The base data travels with the app as pooled feature vectors, not audio: `feature-bank.bin`
 * beside the shipped model. Each dimension is quantised to 16 bits over its own range (a quarter
 * of the float size, error ≤ range/131070 — far below the spread the models see), so retraining
 * works on a reviewer's machine without the corpora.
 *
 * Layout: "EMQB", u32 header length, header JSON (padded to 4 bytes), f32 offset[dim], f32 scale[dim],
 * u16 values[rows·dim], u8 label[rows], u16 group[rows] (index into header.groups).
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { EMOTIONS } from '../../electron/shared/domain';
import { EmoqaError } from '../../electron/shared/errors';

const MAGIC = 'EMQB';

export const bankHeaderSchema = z.object({
  format: z.literal(1),
  pooling: z.string(),
  featureSpec: z.string(),
  dim: z.number().int().positive(),
  rows: z.number().int().nonnegative(),
  classes: z.array(z.enum(EMOTIONS)),
  /** `speaker|variant`: rows of one voice in one recording condition (speaker normalisation groups). */
  groups: z.array(z.string()),
  speakers: z.array(z.object({ id: z.string(), corpus: z.string(), gender: z.string() })),
  /** Speakers never trained on by retraining: the base speaker-independent validation set. */
  validationSpeakers: z.array(z.string()),
  /** Whether the model shipped beside this bank was trained on the validation speakers. */
  validationSeenByShipped: z.boolean(),
  /** Speakers of the corpora left out of the bank altogether. */
  excludedSpeakers: z.array(z.string()),
  source: z.string(),
  createdAt: z.string(),
});
export type BankHeader = z.infer<typeof bankHeaderSchema>;

/** One base example: a pooled vector, its class index, and the voice/condition it came from. */
export interface BaseRow {
  pooled: Float32Array;
  label: number;
  speaker: string;
  variant: string;
}

export type BankInfo = Omit<BankHeader, 'format' | 'dim' | 'rows' | 'groups'> & { dim: number };

const align4 = (n: number): number => (n + 3) & ~3;

export function encodeBank(rows: readonly BaseRow[], info: BankInfo): Buffer {
  const dim = info.dim;
  const groups = [...new Set(rows.map((r) => `${r.speaker}|${r.variant}`))].sort();
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const header: BankHeader = { ...info, format: 1, rows: rows.length, groups };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lo = new Float32Array(dim).fill(Infinity);
  const hi = new Float32Array(dim).fill(-Infinity);
  for (const r of rows) {
    if (r.pooled.length !== dim) throw new EmoqaError('INVALID_ARGUMENT', `bank row of length ${r.pooled.length}, expected ${dim}`);
    for (let d = 0; d < dim; d++) {
      lo[d] = Math.min(lo[d], r.pooled[d]);
      hi[d] = Math.max(hi[d], r.pooled[d]);
    }
  }
  const scale = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    if (!Number.isFinite(lo[d])) lo[d] = 0;
    scale[d] = hi[d] > lo[d] ? (hi[d] - lo[d]) / 65535 : 1;
  }
  const headerBytes = 8 + align4(json.length);
  const valuesAt = headerBytes + 8 * dim;
  const labelsAt = valuesAt + 2 * rows.length * dim;
  const groupsAt = align4(labelsAt + rows.length);
  const out = Buffer.alloc(groupsAt + 2 * rows.length);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let d = 0; d < dim; d++) {
    view.setFloat32(headerBytes + 4 * d, lo[d], true);
    view.setFloat32(headerBytes + 4 * (dim + d), scale[d], true);
  }
  rows.forEach((r, i) => {
    for (let d = 0; d < dim; d++) {
      const q = Math.round((r.pooled[d] - lo[d]) / scale[d]);
      view.setUint16(valuesAt + 2 * (i * dim + d), Math.max(0, Math.min(65535, q)), true);
    }
    out[labelsAt + i] = r.label;
    view.setUint16(groupsAt + 2 * i, groupIndex.get(`${r.speaker}|${r.variant}`) ?? 0, true);
  });
  return out;
}

export function decodeBank(data: Buffer): { header: BankHeader; rows: BaseRow[] } {
  if (data.length < 8 || data.toString('ascii', 0, 4) !== MAGIC) throw new EmoqaError('MODEL_UNAVAILABLE', 'not an emoqa feature bank');
  const jsonLength = data.readUInt32LE(4);
  const parsed = bankHeaderSchema.safeParse(JSON.parse(data.toString('utf8', 8, 8 + jsonLength)));
  if (!parsed.success) throw new EmoqaError('MODEL_UNAVAILABLE', `feature bank header is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  const header = parsed.data;
  const { dim, rows: n } = header;
  const headerBytes = 8 + align4(jsonLength);
  const valuesAt = headerBytes + 8 * dim;
  const labelsAt = valuesAt + 2 * n * dim;
  const groupsAt = align4(labelsAt + n);
  if (data.length < groupsAt + 2 * n) throw new EmoqaError('MODEL_UNAVAILABLE', 'feature bank is truncated');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const lo = Float32Array.from({ length: dim }, (_, d) => view.getFloat32(headerBytes + 4 * d, true));
  const scale = Float32Array.from({ length: dim }, (_, d) => view.getFloat32(headerBytes + 4 * (dim + d), true));
  const rows: BaseRow[] = [];
  for (let i = 0; i < n; i++) {
    const pooled = new Float32Array(dim);
    for (let d = 0; d < dim; d++) pooled[d] = lo[d] + scale[d] * view.getUint16(valuesAt + 2 * (i * dim + d), true);
    const [speaker, variant] = (header.groups[view.getUint16(groupsAt + 2 * i, true)] ?? '|').split('|');
    rows.push({ pooled, label: data[labelsAt + i], speaker, variant });
  }
  return { header, rows };
}

export async function writeFeatureBank(file: string, rows: readonly BaseRow[], info: BankInfo): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, encodeBank(rows, info));
  await fs.rename(tmp, file);
}

export async function readFeatureBank(file: string): Promise<{ header: BankHeader; rows: BaseRow[] }> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (error) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `no feature bank at ${file}: retraining needs the base data (run ml/retrain/build-feature-bank.ts)`, { cause: error });
  }
  return decodeBank(data);
}
