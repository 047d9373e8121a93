import { describe, expect, it } from 'vitest';
import { inputSchemas } from '../../../../electron/shared/contract';

describe('contract: recordings.spectrogram', () => {
  const schema = inputSchemas['recordings.spectrogram'];
  const ok = { id: 'r', channel: 1, startS: 10, endS: 70, columns: 1200 };

  it('accepts a visible range of one party', () => {
    expect(schema.safeParse(ok).success).toBe(true);
  });

  it('bounds every request: range length, columns, order, channel', () => {
    const message = (input: unknown) => {
      const parsed = schema.safeParse(input);
      return parsed.success ? null : parsed.error.issues.map((issue) => issue.message).join('; ');
    };
    expect(message({ ...ok, endS: 10 + 601 })).toMatch(/at most 10 minutes at a time: zoom in/);
    expect(message({ ...ok, columns: 4097 })).toMatch(/at most 4096 columns/);
    expect(message({ ...ok, endS: 5 })).toMatch(/ends after it starts/);
    expect(message({ ...ok, channel: 8 })).not.toBeNull();
    expect(message({ ...ok, startS: -1 })).not.toBeNull();
    expect(message({ ...ok, columns: 0 })).not.toBeNull();
  });
});
