import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/services/dispatch';
import { EmoqaError } from '../../../../electron/shared/errors';
import { someHandlers } from '../../../helpers/handlers';

describe('dispatch', () => {
  const handlers = someHandlers({
    'review.set': async (args: { recordingId: string; reviewed: boolean }) => {
      if (args.recordingId === 'gone') throw new EmoqaError('NOT_FOUND', 'recording gone does not exist');
      return { id: args.recordingId, reviewed: args.reviewed } as never;
    },
  });

  it('validates input against the contract before the handler runs', async () => {
    const response = await dispatch(handlers, 'review.set', { recordingId: 'a', reviewed: 'yes' });
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses names outside the contract', async () => {
    expect(await dispatch(handlers, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('passes results and typed errors through', async () => {
    expect(await dispatch(handlers, 'review.set', { recordingId: 'a', reviewed: true })).toEqual({
      ok: true,
      result: { id: 'a', reviewed: true },
    });
    expect(await dispatch(handlers, 'review.set', { recordingId: 'gone', reviewed: true })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'recording gone does not exist' },
    });
  });
});
