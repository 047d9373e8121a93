import { describe, expect, it } from 'vitest';
import { applyMemory } from '../../../../ml/model/correction-memory';
import { chooseMemory, heldOutPredictions, MEMORY_GRID, memoryOf, voiceGroups, type JudgedWindow } from '../../../../ml/retrain/memory-rule';
import { argmax } from '../../../../ml/train/metrics';
import { mulberry32 } from '../../../../ml/train/random';

const DIM = 8; // head input: [absolute 4 | relative 4]
const onehot = (c: number, sure = 0.6): Float32Array => Float32Array.from({ length: 7 }, (_, k) => (k === c ? sure : (1 - sure) / 6));

/** Windows of one voice in one call: the voice sits at `centre`, labels cycle through `labels`, the head says `head(label)`. */
function voiceWindows(call: string, voice: number, centre: number, labels: number[], head: (label: number) => number, seed: number, n = 12): JudgedWindow[] {
  const random = mulberry32(seed);
  // The party's voice (its windows share it, as a call's party does): where the voice sits.
  const voiceAt = new Float32Array(DIM / 2).fill(centre);
  return Array.from({ length: n }, (_, i) => {
    const label = labels[i % labels.length];
    const input = Float32Array.from({ length: DIM }, (_, d) => centre + 0.05 * (random() - 0.5) + (d === label % DIM ? 0.3 : 0));
    const p = onehot(head(label));
    return { call, voice, label, input, centre: voiceAt, recency: 1, current: p, candidate: p };
  });
}

describe('choosing the correction memory on the folds', () => {
  it('groups parties whose robust centres are alike into one voice', () => {
    const global = { mean: new Float32Array(4), std: new Float32Array(4).fill(1), count: 0 };
    const groups = voiceGroups([Float32Array.from([0, 0, 0, 0]), Float32Array.from([0.1, 0, 0, 0.1]), Float32Array.from([2, 2, 2, 2]), Float32Array.from([0.05, 0.05, 0, 0])], global);
    expect(groups).toEqual([0, 0, 1, 0]);
  });

  it('judges every rule exactly as analysis applies it: the memory of the other calls (or voices), blended by applyMemory', () => {
    const windows = ['a', 'b', 'c'].flatMap((call, i) => [...voiceWindows(call, 0, 0, [0, 3], () => 4, 80 + i), ...voiceWindows(call, 1, 0.1, [1, 4], (l) => l, 90 + i)]);
    for (const rule of MEMORY_GRID.slice(0, 8)) {
      for (const by of ['call', 'voice'] as const) {
        const key = (w: JudgedWindow): string => (by === 'call' ? w.call : String(w.voice));
        const direct = windows.map((w) => argmax(applyMemory(memoryOf(rule, windows.filter((o) => key(o) !== key(w))), [w.input], [w.current], [w.centre])[0]));
        expect(heldOutPredictions(windows, 'current', rule, by)).toEqual(direct);
      }
    }
  });

  it('reads only the corrections of the party\'s own voice: another voice with the same windows keeps the head', () => {
    // Voice 0 (centre 0) is angry on calls a and b; voice 1 (centre 1: another speaker of the same line)
    // has windows just like voice 0's and is happy. Window by window the memory cannot tell them apart.
    const angry = ['a', 'b'].flatMap((call, i) => voiceWindows(call, 0, 0, [0], () => 4, 100 + i));
    const happyVoice = new Float32Array(DIM / 2).fill(1);
    const happy = voiceWindows('c', 1, 0, [3], () => 3, 102).map((w) => ({ ...w, centre: happyVoice }));
    const rule = { space: 'absolute' as const, k: 5, bandwidth: 0.8, maxWeight: 0.7, halfSupport: 0.3 };
    const memory = memoryOf(rule, angry);
    expect(memory.voices?.centres).toHaveLength(2);
    const inputs = happy.map((w) => w.input);
    const heads = happy.map((w) => w.current);
    expect(applyMemory(memory, inputs, heads, inputs.map(() => happyVoice)).map(argmax)).toEqual(happy.map(() => 3));
    expect(applyMemory(memory, inputs, heads, inputs.map(() => null)).map(argmax)).toEqual(happy.map(() => 3));
    // The same windows as voice 0's party are painted angry.
    expect(applyMemory(memory, inputs, heads, inputs.map(() => angry[0].centre)).map(argmax)).toEqual(happy.map(() => 0));
    // A memory written before voices were kept reads every row, as it did.
    expect(applyMemory({ ...memory, voices: undefined }, inputs, heads, inputs.map(() => happyVoice)).map(argmax)).toEqual(happy.map(() => 0));
    // And the judging holds the same rule: by call, voice 1's windows see no row of voice 0.
    expect(heldOutPredictions([...angry, ...happy], 'current', rule, 'call').slice(angry.length)).toEqual(happy.map(() => 3));
  });

  it('learns a recurring voice the head gets wrong, and passes the by-voice guard', () => {
    // Voice 0 recurs in three calls, always angry (0), and the head calls it neutral (4); voice 1 is read right.
    const windows = ['a', 'b', 'c'].flatMap((call, i) => [
      ...voiceWindows(call, 0, 0, [0], () => 4, 10 + i),
      ...voiceWindows(call, 1, 5, [1, 2, 3], (l) => l, 20 + i),
    ]);
    const choice = chooseMemory(windows, { heads: ['current'] });
    expect(choice.rule).not.toBeNull();
    const before = windows.filter((w) => w.label === 1 || w.label === 2 || w.label === 3).length / windows.length;
    const after = windows.filter((w, i) => choice.predicted[i] === w.label).length / windows.length;
    expect(after).toBeGreaterThan(before + 0.3);
    expect(choice.byVoice?.after).toBeGreaterThanOrEqual(choice.byVoice?.before ?? 1);
    expect(choice.voices).toBe(2);
  });

  it('refuses a memory that paints an unheard voice like a memorised one (the guard), and keeps the head alone', () => {
    // Voice 0 is sad (5) on every call and recurs; voice 1 (next to it in the input) is read right by the head.
    // By call the memory looks good (voice 0 always has itself in memory); by voice it turns voice 1 sad.
    const windows = ['a', 'b', 'c'].flatMap((call, i) => [
      ...voiceWindows(call, 0, 0, [5], () => 4, 30 + i),
      ...voiceWindows(call, 1, 0.02, [4], (l) => l, 40 + i),
    ]);
    const accuracy = (predicted: number[]): number => windows.filter((w, i) => predicted[i] === w.label).length / windows.length;
    const plain = accuracy(windows.map(() => 4));
    const gaining = MEMORY_GRID.filter((rule) => accuracy(heldOutPredictions(windows, 'current', rule, 'call')) > plain);
    expect(gaining.length).toBeGreaterThan(0);
    // Every rule that gains by call lowers the voices it never heard: none may be chosen.
    for (const rule of gaining) expect(accuracy(heldOutPredictions(windows, 'current', rule, 'voice'))).toBeLessThan(plain);
    const choice = chooseMemory(windows, { heads: ['current'] });
    expect(choice.rule).toBeNull();
    expect(choice.predicted).toEqual(windows.map(() => 4));
  });

  it('prefers the fine-tuned head when it is better by call and by voice, and keeps no memory with one voice', () => {
    const windows = ['a', 'b'].flatMap((call, i) => voiceWindows(call, 0, 0, [0, 1], () => 4, 50 + i))
      .map((w) => ({ ...w, candidate: onehot(w.label), candidateByVoice: onehot(w.label) }));
    const choice = chooseMemory(windows);
    expect(choice.byVoice).toEqual({ before: 0, after: 1 });
    expect(choice.head).toBe('fine-tuned');
    expect(choice.rule).toBeNull();
    expect(choice.predicted).toEqual(windows.map((w) => w.label));
  });
});

describe('the by-voice guard of fine-tuning', () => {
  it('shows the gate the fine-tuned head when it learnt a voice and not its emotion', () => {
    // By call the fine-tuned head is right on the recurring voice; trained without that voice it is not.
    const windows = ['a', 'b', 'c'].flatMap((call, i) => [...voiceWindows(call, 0, 0, [5], () => 4, 60 + i), ...voiceWindows(call, 1, 3, [4], (l) => l, 70 + i)])
      .map((w) => ({ ...w, candidate: onehot(w.label), candidateByVoice: onehot(w.voice === 0 ? 4 : 0) }));
    const choice = chooseMemory(windows, { grid: [] });
    expect(choice.head).toBe('fine-tuned');
    expect(choice.byVoice?.after).toBeLessThan(choice.byVoice?.before ?? 0);
  });
});
