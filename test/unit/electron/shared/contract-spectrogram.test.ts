import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/services/dispatch';
import { inputSchemas } from '../../../../electron/shared/contract';
import { someHandlers } from '../../../helpers/handlers';

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

  it('answers an over-long range with INVALID_ARGUMENT and the reason, before any decoding', async () => {
    let called = false;
    const handlers = someHandlers({
      'recordings.spectrogram': async () => {
        called = true;
        return new Uint8Array(0);
      },
    });
    const response = await dispatch(handlers, 'recordings.spectrogram', { ...ok, startS: 0, endS: 3600 });
    expect(response).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/at most 10 minutes at a time: zoom in/) } });
    expect(called).toBe(false);
    expect(await dispatch(handlers, 'recordings.spectrogram', ok)).toMatchObject({ ok: true });
  });
});
