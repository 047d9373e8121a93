import { describe, expect, it } from 'vitest';
import { CLEAR_TEXT_MESSAGE, isLoopbackHost, localLibraryUrlSchema, teamClientConfigSchema, teamServerUrlSchema } from '../../../../electron/shared/team-link';

const origin = (text: string) => teamServerUrlSchema.parse(text);
const refusal = (text: string) => {
  const parsed = teamServerUrlSchema.safeParse(text);
  return parsed.success ? `accepted as ${parsed.data}` : parsed.error.issues[0]?.message;
};

describe('team server addresses', () => {
  it('takes https anywhere and http on this machine, as an origin', () => {
    expect(origin('https://qa.example.com')).toBe('https://qa.example.com');
    expect(origin('  https://QA.example.com:8443/ ')).toBe('https://qa.example.com:8443');
    expect(origin('qa.example.com')).toBe('https://qa.example.com');
    expect(origin('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(origin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(origin('http://[::1]:8080')).toBe('http://[::1]:8080');
  });

  it('refuses http to another machine: the password and cookie would travel in clear', () => {
    expect(refusal('http://qa.example.com')).toBe(CLEAR_TEXT_MESSAGE);
    expect(refusal('http://10.0.0.5:8080')).toBe(CLEAR_TEXT_MESSAGE);
    // Looks local, is not: a name that merely starts with 127.
    expect(refusal('http://127.0.0.1.example.com')).toBe(CLEAR_TEXT_MESSAGE);
  });

  it('refuses other schemes, credentials, paths and empty input with a reason', () => {
    expect(refusal('ftp://qa.example.com')).toMatch(/https:\/\/, not ftp:/);
    expect(refusal('file:///etc/passwd')).toMatch(/not file:/);
    expect(refusal('https://ana:secret@qa.example.com')).toMatch(/without a path, query or password/);
    expect(refusal('https://qa.example.com/emoqa?x=1')).toMatch(/without a path/);
    expect(refusal('')).toMatch(/enter the address/);
    expect(refusal('https://')).toMatch(/not a web address/);
  });

  it('knows the loopback names', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['example.com', '10.0.0.1', '0.0.0.0', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });

  it('goes back only to the desktop page or browser mode on this machine', () => {
    const ok = (text: string) => localLibraryUrlSchema.safeParse(text).success;
    expect(ok('app://emoqa/index.html')).toBe(true);
    expect(ok('http://127.0.0.1:5123/')).toBe(true);
    expect(ok('https://evil.example/')).toBe(false);
    expect(ok('http://127.0.0.1:5123/?token=abc')).toBe(false);
    expect(ok('javascript:alert(1)')).toBe(false);
  });

  it('reads the desktop config with defaults, and refuses a remembered http server elsewhere', () => {
    expect(teamClientConfigSchema.parse({})).toEqual({ server: null, useServer: false });
    expect(teamClientConfigSchema.parse({ server: 'https://qa.example.com/', useServer: true })).toEqual({ server: 'https://qa.example.com', useServer: true });
    expect(teamClientConfigSchema.safeParse({ server: 'http://qa.example.com', useServer: true }).success).toBe(false);
  });
});
