import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importMetadata } from '../../../../../electron/services/calls/call-metadata';
import { NotesService } from '../../../../../electron/services/calls/notes-service';
import { EventBus } from '../../../../../electron/services/event-bus';
import { buildReport } from '../../../../../electron/services/export/report';
import { LabelsService } from '../../../../../electron/services/labels/labels-service';
import { LibraryService } from '../../../../../electron/services/library/library-service';
import { agentsCsv, summariseAgents } from '../../../../../electron/services/report/agent-measures';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

const rows = (csv: string) => parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;

describe('calls CSV: conversation measures, metadata and notes', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());

  // Agent 0–10 s neutral; customer angry 8–14 s, calm 40–60 s.
  const seed = (name: string) =>
    seedRecording(store.db, fakeResult(60, [[region(0, 10, 'neutral'), region(20, 30, 'angry')], [region(8, 14, 'angry'), region(40, 60, 'neutral')]]), name);

  it('writes each measure under its documented column, with corrections applied, and the cache agrees', async () => {
    const id = await seed('a.wav');
    const library = new LibraryService(store.lib);
    const labels = new LabelsService(store.lib, new EventBus(), () => 'ann', (rid) => library.summary(rid));
    // The reviewer says the agent was neutral, not angry, at 20–30 s.
    await labels.create({ recordingId: id, channel: 0, start: 20, end: 30, emotion: 'neutral' });
    const [call] = rows((await buildReport(store.lib)).callsCsv);
    expect(call).toMatchObject({
      overtalk_s: '2.000', agent_talk_share: '0.4348', silence_s: '16.000', customer_negative_share: '0.2308',
      customer_start_emotion: 'angry', customer_end_emotion: 'neutral', customer_negative_episodes: '1',
      agent_negative_share_after_customer_negative: '0.0000', deescalated: 'yes', time_to_deescalate_s: '6.000',
      agent: '', team: '', note: '',
    });
    expect((await library.summary(id)).measures).toMatchObject({ agentNegativeShareAfterCustomerNegative: 0, customerNegativeEpisodes: 1, deescalated: true });
  });

  it('exports call and region notes, and the metadata imported from CSV', async () => {
    const id = await seed('b.wav');
    const notes = new NotesService(store.lib, () => 'ann');
    await notes.setCall({ recordingId: id, text: 'Good recovery' });
    await notes.setRegion({ recordingId: id, channel: 1, start: 8, end: 14, text: 'customer shouts' });
    expect(await importMetadata(store.lib, 'file,agent,team,started_at\n/calls/b.wav,Alice,North,2025-03-04T09:30:00Z\n')).toMatchObject({ matched: 1 });
    const report = await buildReport(store.lib);
    expect(rows(report.callsCsv)[0]).toMatchObject({ agent: 'Alice', team: 'North', started_at: '2025-03-04T09:30:00.000Z', note: 'Good recovery' });
    expect(rows(report.segmentsCsv).map((s) => s.note)).toEqual(['', 'customer shouts', '', '']);
    expect((await notes.setRegion({ recordingId: id, channel: 1, start: 8, end: 14, text: ' ' })).regions).toEqual([]);
  });

  it('folds calls into one row per agent, with weeks', async () => {
    const a = await seed('c.wav');
    const b = await seed('d.wav');
    await seed('e.wav');
    await importMetadata(store.lib, 'file,agent,team,started_at\nc.wav,Bob,South,2025-03-03T10:00:00Z\nd.wav,Bob,South,2025-03-12T10:00:00Z\n');
    await new LabelsService(store.lib, new EventBus(), () => 'ann', (rid) => new LibraryService(store.lib).summary(rid)).setReview({ recordingId: a, reviewed: true });
    const agents = summariseAgents(await new LibraryService(store.lib).list());
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ agent: 'Bob', team: 'South', calls: 2, talkTimeS: 40, deescalationRate: 1, reviewedShare: 0.5 });
    expect(agents[0].customerNegativeShare).toBeCloseTo(6 / 26);
    expect(agents[0].agentNegativeResponses).toBeCloseTo(10 / 12);
    expect(agents[0].weeks.map((w) => [w.week, w.calls])).toEqual([['2025-03-03', 1], ['2025-03-10', 1]]);
    expect(rows(agentsCsv(agents))[0]).toMatchObject({ agent: 'Bob', team: 'South', calls: '2', reviewed_share: '0.5000' });
    expect(b).toBeTruthy();
  });
});
