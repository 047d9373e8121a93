import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LOCAL_ONLY, loadTeamClientConfig, saveTeamClientConfig } from '../../../../electron/main/team-client-config';
import { makeTempDir } from '../../../helpers/fixtures';

const temp = makeTempDir('emoqa-team-client-');
afterAll(() => temp.cleanup());

it('remembers the team server across starts, and falls back to the local library on a missing or bad file', () => {
  const dir = join(temp.dir, 'user-data');
  expect(loadTeamClientConfig(dir)).toEqual(LOCAL_ONLY);
  saveTeamClientConfig(dir, { server: 'https://qa.example.com', useServer: true });
  expect(loadTeamClientConfig(dir)).toEqual({ server: 'https://qa.example.com', useServer: true });
  expect(JSON.parse(readFileSync(join(dir, 'team-server.json'), 'utf8'))).toEqual({ server: 'https://qa.example.com', useServer: true });

  for (const text of ['{not json', JSON.stringify({ server: 'http://qa.example.com', useServer: true }), JSON.stringify({ server: null, useServer: true }), '[]']) {
    writeFileSync(join(dir, 'team-server.json'), text);
    expect(loadTeamClientConfig(dir), text).toEqual(LOCAL_ONLY);
  }
  expect(() => saveTeamClientConfig(dir, { server: 'ftp://x', useServer: false })).toThrow();
});
