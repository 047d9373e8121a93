import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrl, isAllowedExternalLink } from '../../../../electron/main/launch-policy';
import { repoRoot } from '../../../helpers/fixtures';

// The Electron binary is not installed here: these are the shell's decisions, tested without it.
describe('Electron launch policy', () => {
  it('honours ELECTRON_RENDERER_URL only in development, and only on loopback', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devServerUrl(false, env)).toBe('http://localhost:5173/');
    expect(devServerUrl(true, env)).toBeUndefined();
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'not a url' })).toBeUndefined();
    expect(devServerUrl(false, {})).toBeUndefined();
  });

  it('opens only the project help links in the browser', () => {
    expect(isAllowedExternalLink('https://github.com/emoqa/emoqa/blob/main/README.md#keyboard')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'https://github.com/someone-else/emoqa/',
      'https://github.com/emoqa/emoqa-phish/',
      'https://github.com@evil.example/emoqa/emoqa/',
      'https://user:pw@github.com/emoqa/emoqa/',
      'https://github.com/emoqa/other/../emoqa/',
      'http://github.com/emoqa/emoqa/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'nonsense',
    ]) {
      expect(isAllowedExternalLink(url), url).toBe(url === 'https://github.com/emoqa/other/../emoqa/');
    }
  });

  it('flips the Electron fuses in the packaged build', () => {
    const config = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    const fuses = config.slice(config.indexOf('electronFuses:'));
    for (const [fuse, value] of [
      ['runAsNode', 'false'],
      ['enableNodeOptionsEnvironmentVariable', 'false'],
      ['enableNodeCliInspectArguments', 'false'],
      ['enableEmbeddedAsarIntegrityValidation', 'true'],
      ['onlyLoadAppFromAsar', 'true'],
      ['enableCookieEncryption', 'true'],
    ]) {
      expect(fuses).toMatch(new RegExp(`^  ${fuse}: ${value}$`, 'm'));
    }
  });
});
