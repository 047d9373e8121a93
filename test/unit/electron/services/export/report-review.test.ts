import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/services/event-bus';
import { buildReport } from '../../../../../electron/services/export/report';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

function rows(csv: string): Array<Record<string, string>> {
  return parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
}

/** The reviewed timeline as the segments CSV lets anyone rebuild it: every label's own span. */
function reviewedSpans(segments: Array<Record<string, string>>): string[] {
  return segments.filter((s) => s.corrected_emotion).map((s) => `${s.corrected_start_s}-${s.corrected_end_s} ${s.corrected_emotion} ${s.review}`);
}

describe('QA report: the reviewer’s boundaries come back out', () => {
  let store: ReturnType<typeof tempDatabase>;
  let labels: LabelsService;
  let library: LibraryService;
  beforeEach(async () => {
    store = tempDatabase();
    library = new LibraryService(store.lib);
    labels = new LabelsService(store.lib, new EventBus(), () => 'ann', (id) => library.summary(id));
  });
  afterEach(() => store.cleanup());

  it('keeps both halves of a split region and a dragged edge as corrected_start_s / corrected_end_s', async () => {
    const id = await seedRecording(store.db, fakeResult(30, [[region(12.939, 16.898, 'angry'), region(20, 22, 'sad')], [region(1, 2, 'happy')]]));
    const angry = (await library.regions(id)).predictions.find((p) => p.emotion === 'angry')!;
    // What the call view sends for "split at 14.712", then dragging the second half's end to 17.332.
    await labels.create({ recordingId: id, channel: 0, start: 12.939, end: 14.712, emotion: 'angry', replacesRegionId: angry.id });
    const right = await labels.create({ recordingId: id, channel: 0, start: 14.712, end: 16.898, emotion: 'angry', replacesRegionId: angry.id });
    await labels.update({ id: right.id, end: 17.332 });
    // A label that replaces nothing: its own row.
    await labels.create({ recordingId: id, channel: 1, start: 5, end: 6, emotion: 'fear' });

    const segments = rows((await buildReport(store.lib)).segmentsCsv);
    expect(Object.keys(segments[0])).toEqual([
      'file', 'recording_id', 'start_s', 'end_s', 'channel', 'party', 'predicted_emotion', 'confidence', 'uncertain',
      'corrected_start_s', 'corrected_end_s', 'corrected_emotion', 'review', 'reviewer', 'note',
    ]);
    const angryRows = segments.filter((s) => s.predicted_emotion === 'angry');
    expect(angryRows.map((s) => [s.start_s, s.end_s, s.corrected_start_s, s.corrected_end_s, s.corrected_emotion])).toEqual([
      ['12.939', '16.898', '12.939', '14.712', 'angry'],
      ['12.939', '16.898', '14.712', '17.332', 'angry'],
    ]);
    expect(reviewedSpans(segments)).toEqual(['5.000-6.000 fear correction', '12.939-14.712 angry correction', '14.712-17.332 angry correction']);
    const alone = segments.find((s) => s.corrected_emotion === 'fear')!;
    expect(alone).toMatchObject({ predicted_emotion: '', confidence: '', uncertain: '', start_s: '5.000', party: 'customer', reviewer: 'ann' });
    // An unreviewed prediction has empty corrected columns.
    expect(segments.find((s) => s.predicted_emotion === 'sad')).toMatchObject({ corrected_start_s: '', corrected_emotion: '', review: '' });
  });

  it('stores pressing the model’s own label as agreement and counts it apart from corrections', async () => {
    const id = await seedRecording(store.db, fakeResult(30, [[region(0, 2, 'neutral'), region(3, 5, 'sad')], [region(1, 2, 'happy')]]));
    const [neutral, sad] = (await library.regions(id)).predictions.filter((p) => p.channel === 0);
    const agreed = await labels.create({ recordingId: id, channel: 0, start: neutral.start, end: neutral.end, emotion: 'neutral', replacesRegionId: neutral.id });
    await labels.create({ recordingId: id, channel: 0, start: sad.start, end: sad.end, emotion: 'angry', replacesRegionId: sad.id });
    expect(agreed.kind).toBe('agreement');
    expect(await library.summary(id)).toMatchObject({ corrections: 1, agreements: 1 });

    const report = await buildReport(store.lib);
    expect(rows(report.callsCsv)[0]).toMatchObject({ corrections: '1', agreements: '1' });
    expect(reviewedSpans(rows(report.segmentsCsv))).toEqual(['0.000-2.000 neutral agreement', '3.000-5.000 angry correction']);

    // Relabelling it away makes it a correction; back to the model's label, an agreement again.
    expect((await labels.update({ id: agreed.id, emotion: 'happy' })).kind).toBe('correction');
    expect((await labels.update({ id: agreed.id, emotion: 'neutral' })).kind).toBe('agreement');
    // Moving an edge is a correction even with the model's emotion.
    expect((await labels.update({ id: agreed.id, end: 1.5 })).kind).toBe('correction');
  });

  it('keeps "not speech" and "unsure" as labels, out of every emotion share', async () => {
    const id = await seedRecording(store.db, fakeResult(30, [[region(0, 4, 'angry'), region(4, 8, 'neutral')], [region(1, 2, 'happy')]]));
    const angry = (await library.regions(id)).predictions.find((p) => p.emotion === 'angry')!;
    await labels.create({ recordingId: id, channel: 0, start: 0, end: 4, emotion: 'not_speech', replacesRegionId: angry.id });
    await labels.create({ recordingId: id, channel: 1, start: 1, end: 2, emotion: 'unsure' });

    const report = await buildReport(store.lib);
    const [call] = rows(report.callsCsv);
    // The agent's only other speech is neutral: the false positive no longer makes the call angry.
    expect(call).toMatchObject({ agent_dominant: 'neutral', agent_neutral_share: '1.0000', agent_angry_share: '0.0000', longest_negative_s: '', corrections: '2' });
    expect(call.customer_dominant).toBe('');
    expect(reviewedSpans(rows(report.segmentsCsv))).toEqual(['0.000-4.000 not_speech correction', '1.000-2.000 unsure correction']);
    const agent = (await library.summary(id)).parties.find((p) => p.role === 'agent')!;
    expect(agent.dominantEmotion).toBe('neutral');
    expect(agent.emotionShare.angry).toBe(0);
  });
  it('says per segment whether the model’s region was uncertain, by the rule the library uses', async () => {
    const sure = region(0, 2, 'angry', 0.9);
    const flagged = { ...region(2, 4, 'sad', 0.62), uncertain: true };
    const low = region(4, 6, 'happy', 0.3);
    const id = await seedRecording(store.db, fakeResult(30, [[sure, flagged, low], [region(1, 2, 'neutral', 0.8)]]));
    await labels.create({ recordingId: id, channel: 1, start: 8, end: 9, emotion: 'fear' });
    const segments = rows((await buildReport(store.lib)).segmentsCsv);
    const cell = (emotion: string): string | undefined => segments.find((s) => s.predicted_emotion === emotion)?.uncertain;
    expect([cell('angry'), cell('sad'), cell('happy'), cell('neutral')]).toEqual(['no', 'yes', 'yes', 'no']);
    // A label that replaces nothing has no model region, so no verdict.
    expect(segments.find((s) => s.corrected_emotion === 'fear')?.uncertain).toBe('');
  });
});
