import { describe, expect, it } from 'vitest';
import { inputSchemas } from '../../../../electron/shared/contract';

describe('contract: reviewer labels', () => {
  it('accepts "not speech" and "unsure" as label values beside the seven emotions, and nothing else', () => {
    const base = { recordingId: 'r', channel: 0, start: 1, end: 2 };
    for (const emotion of ['angry', 'not_speech', 'unsure']) expect(inputSchemas['labels.create'].safeParse({ ...base, emotion }).success).toBe(true);
    expect(inputSchemas['labels.create'].safeParse({ ...base, emotion: 'bored' }).success).toBe(false);
    expect(inputSchemas['labels.update'].safeParse({ id: 1, emotion: 'not_speech' }).success).toBe(true);
  });
});
