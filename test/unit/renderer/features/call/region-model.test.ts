import { describe, expect, it } from 'vitest';
import { allRegions, buildLanes, emotionSeconds, findRegion, firstVisibleIndex, jumpTarget, longestRegion, nextInLane } from '../../../../../renderer/src/features/call/region-model';
import { label, prediction } from '../../fixtures';

describe('buildLanes: labels laid over predictions, as the store computes the timeline', () => {
  const predictions = [prediction(1, 0, 0, 2, 'angry'), prediction(2, 0, 3, 6, 'neutral'), prediction(3, 1, 1, 4, 'sad')];

  it('shows predictions untouched when there are no labels', () => {
    const lanes = buildLanes([0, 1], predictions, []);
    expect(lanes.get(0)!.map((r) => r.key)).toEqual(['p:1', 'p:2']);
    expect(lanes.get(1)!.map((r) => [r.key, r.emotion, r.source])).toEqual([['p:3', 'sad', 'model']]);
  });

  it('replaces only the overlapped part of a prediction and keeps the prediction beside the label', () => {
    const lanes = buildLanes([0, 1], predictions, [label(10, 0, 4, 5, 'happy', 2)]);
    const lane = lanes.get(0)!;
    expect(lane.map((r) => [r.key, r.start, r.end, r.emotion])).toEqual([
      ['p:1', 0, 2, 'angry'],
      ['p:2#0', 3, 4, 'neutral'],
      ['l:10', 4, 5, 'happy'],
      ['p:2#1', 5, 6, 'neutral'],
    ]);
    expect(lane[2].prediction?.id).toBe(2);
    expect(lane[2].confidence).toBe(1);
    // The other party's lane is untouched.
    expect(lanes.get(1)!.map((r) => r.key)).toEqual(['p:3']);
  });

  it('hides a prediction a label covers entirely, and credits a drawn label to the prediction it overlaps most', () => {
    const lanes = buildLanes([0], predictions, [label(11, 0, 2.5, 6.5, 'fear')]);
    expect(lanes.get(0)!.map((r) => r.key)).toEqual(['p:1', 'l:11']);
    expect(findRegion(lanes, 'l:11')?.prediction?.id).toBe(2);
  });

  it('drops float slivers at a label edge', () => {
    const lanes = buildLanes([0], [prediction(1, 0, 0, 2, 'angry')], [label(12, 0, 0, 1.9999, 'sad', 1)]);
    expect(lanes.get(0)!.map((r) => r.key)).toEqual(['l:12']);
  });
});

describe('navigation helpers', () => {
  const lanes = buildLanes([0, 1], [prediction(1, 0, 0, 1, 'angry'), prediction(2, 1, 2, 3, 'sad'), prediction(3, 0, 4, 5, 'angry'), prediction(4, 0, 6, 7, 'happy')], []);
  const regions = allRegions(lanes);

  it('orders every lane by start and finds the next and previous region of a chosen emotion', () => {
    expect(regions.map((r) => r.key)).toEqual(['p:1', 'p:2', 'p:3', 'p:4']);
    const angry = (r: { emotion: string }) => r.emotion === 'angry';
    expect(jumpTarget(regions, 0, 1, angry)?.key).toBe('p:3');
    expect(jumpTarget(regions, 4, -1, angry)?.key).toBe('p:1');
    expect(jumpTarget(regions, 4, 1, angry)).toBeNull();
    expect(jumpTarget(regions, 0.5, 1, () => true)?.key).toBe('p:2');
  });

  it('finds the next region in the same lane only', () => {
    expect(nextInLane(lanes, findRegion(lanes, 'p:1')!)?.key).toBe('p:3');
    expect(nextInLane(lanes, findRegion(lanes, 'p:4')!)).toBeNull();
  });

  it('binary-searches the first region that can be visible', () => {
    const lane = lanes.get(0)!;
    const longest = longestRegion(lane);
    expect(longest).toBe(1);
    expect(firstVisibleIndex(lane, 4.5, longest)).toBe(1);
    expect(firstVisibleIndex(lane, 100, longest)).toBe(lane.length);
    expect(firstVisibleIndex(lane, 0, longest)).toBe(0);
  });

  it('sums seconds per emotion for the distribution chart', () => {
    const { seconds, total } = emotionSeconds(lanes.get(0)!);
    expect(total).toBe(3);
    expect(seconds.angry).toBe(2);
    expect(seconds.happy).toBe(1);
  });

  it('leaves stretches marked not speech or unsure out of the distribution', () => {
    const marked = buildLanes([0], [prediction(1, 0, 0, 4, 'angry'), prediction(2, 0, 4, 6, 'happy')], [label(9, 0, 0, 4, 'not_speech', 1), label(10, 0, 4, 5, 'unsure')]);
    const { seconds, total } = emotionSeconds(marked.get(0)!);
    expect(total).toBeCloseTo(1);
    expect(seconds.angry).toBe(0);
    expect(seconds.happy).toBeCloseTo(1);
  });
});
