/**
 * Corrections are split BY CALL: all regions of a call are on one side, so the held-out score is
 * about calls the candidate never heard. A call's side comes from a hash of its id compared with
 * the held-out share, so it mostly stays put as corrections accumulate (a version then never
 * trains on a call that later judges it); with few calls the count is bounded to 1..ceil(share·n).
 */
import { hashString } from '../train/random';

export interface CallSplit {
  train: string[];
  heldOut: string[];
}

export function splitByCall(recordingIds: readonly string[], heldOutShare: number, salt = 'emoqa-retrain'): CallSplit {
  const ids = [...new Set(recordingIds)];
  const position = new Map(ids.map((id) => [id, hashString(`${salt}:${id}`) / 2 ** 32]));
  const ordered = ids.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  let cut = ordered.filter((id) => (position.get(id) ?? 1) < heldOutShare).length;
  if (ids.length >= 2) cut = Math.max(1, Math.min(cut, Math.ceil(heldOutShare * ids.length), ids.length - 1));
  return { heldOut: ordered.slice(0, cut).sort(), train: ordered.slice(cut).sort() };
}
