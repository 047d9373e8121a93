/**
 * Which parties a recording has, and how their results make one AnalysisResult. Kept free of the
 * model and the DSP so the pool's thread can plan and assemble without loading them.
 * Channels are parties: mono is one `speaker`; stereo is two parties with `roles` (left, right);
 * more channels are averaged into one `speaker` party (`downmixed`).
 */
import type { PartyRole } from '../../shared/domain';
import { probeChannelCount } from '../../../ml/audio/probe';
import type { AnalysisResult, ChannelAnalysis, ClassWeightsByRole, WindowSummaryRow } from './analysis-types';
import type { PartyStats } from '../../../ml/model/pooling';
import { buildPyramid, PEAK_LEVELS } from './peaks';
import { separateMono, type MonoTurns } from './separate-mono';
import { checkReadable } from '../../../ml/audio/check-file';
import type { ChannelSelection } from '../../../ml/audio/stream-decode';

export interface PartyPlan {
  /** Channel of the source (0 for a down-mix). */
  channel: number;
  role: PartyRole;
  select: ChannelSelection;
  /** A mono call to be split into agent and customer (Settings: separate mono calls). */
  separate?: boolean;
  /** The prior weights in use for this party's role (absent: the model's own). */
  classWeights?: number[];
  /** The library's line statistics for the absolute half (absent: the model's training ones). */
  lineStats?: PartyStats;
}

export interface RecordingPlan {
  sourceChannels: number;
  downmixed: boolean;
  parties: PartyPlan[];
}

export function planParties(sourceChannels: number, roles: readonly [PartyRole, PartyRole], separateMono = false): RecordingPlan {
  if (sourceChannels === 2) {
    return { sourceChannels, downmixed: false, parties: [0, 1].map((c) => ({ channel: c, role: roles[c], select: { kind: 'channel', index: c } })) };
  }
  const downmixed = sourceChannels > 2;
  const party: PartyPlan = { channel: 0, role: 'speaker', select: downmixed ? { kind: 'mean' } : { kind: 'channel', index: 0 } };
  if (separateMono && sourceChannels === 1) party.separate = true;
  return { sourceChannels, downmixed, parties: [party] };
}

/** Each party gets the prior weights of its role and the library's line, where the library has estimated them. */
export function withPriors(plan: RecordingPlan, priors: ClassWeightsByRole | undefined, lineStats?: PartyStats): RecordingPlan {
  if (!priors && !lineStats) return plan;
  return {
    ...plan,
    parties: plan.parties.map((p) => ({ ...p, ...(priors?.[p.role] ? { classWeights: priors[p.role] } : {}), ...(lineStats ? { lineStats } : {}) })),
  };
}

/**
 * The plan of a recording. `sourceChannels` is the layout stored at ingest (its one probe): given,
 * nothing is probed again; absent (direct callers, tools), the file is probed here.
 */
export async function planRecording(path: string, roles: readonly [PartyRole, PartyRole], sourceChannels?: number, separateMono = false): Promise<RecordingPlan> {
  await checkReadable(path);
  const known = sourceChannels !== undefined && Number.isInteger(sourceChannels) && sourceChannels >= 1;
  return planParties(known ? sourceChannels : await probeChannelCount(path), roles, separateMono);
}

/** What one party's analysis hands back (also what crosses the worker boundary). */
export interface PartyOutcome {
  analysis: ChannelAnalysis;
  /** Peaks of this party's signal, one Int8Array per level of PEAK_LEVELS. */
  peaks: Int8Array[];
  samples: number;
  /** A separated mono party: its speakers' turns (the result gets two parties). */
  monoTurns?: MonoTurns;
  /** Its speech windows summarised for the library's line statistics (absent: the model reads none). */
  windowSummary?: WindowSummaryRow;
}

export function assembleResult(plan: RecordingPlan, outcomes: readonly PartyOutcome[], model: { sampleRate: number; version: string }): AnalysisResult {
  const sorted = [...outcomes].sort((a, b) => a.analysis.channel - b.analysis.channel);
  const samples = Math.max(0, ...sorted.map((o) => o.samples));
  const mono = sorted.length === 1 ? sorted[0] : undefined;
  const channels = mono?.monoTurns ? separateMono(mono.analysis, mono.monoTurns) : sorted.map((o) => o.analysis);
  // Both parties of a separated mono call show the one waveform there is.
  const peaks = mono?.monoTurns ? [mono.peaks, mono.peaks] : sorted.map((o) => o.peaks);
  return {
    durationS: samples / model.sampleRate,
    sampleRate: model.sampleRate,
    sourceChannels: plan.sourceChannels,
    downmixed: plan.downmixed,
    modelVersion: model.version,
    channels,
    peaks: buildPyramid(model.sampleRate, peaks, PEAK_LEVELS),
    windowSummaries: sorted.flatMap((o) => (o.windowSummary ? [o.windowSummary] : [])),
  };
}

