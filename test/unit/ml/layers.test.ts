/**
 * ml/ is computation below the services (ARCHITECTURE.md, "Layers"): no file under ml/ may import
 * the Node or Electron layers of electron/ (only electron/shared, the ground layer), and inside ml/
 * the arrows point down. Lint says so too; this test also sees dynamic imports and worker URLs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ML_ORDER } from '../../../eslint.config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Relative specifiers of static and dynamic imports, re-exports and `new URL(…, import.meta.url)`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found.filter((s) => s.startsWith('.'));
}

function arrows(): Array<{ from: string; to: string }> {
  return sources(join(root, 'ml')).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8')).map((spec) => ({ from: relative(root, file), to: relative(root, resolve(dirname(file), spec)) })),
  );
}

describe('ml/ layering', () => {
  const all = arrows();

  it('finds the imports it checks (the scan is not hollow)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((a) => a.to.startsWith('electron/shared/'))).toBe(true);
  });

  it('imports nothing from electron/ but electron/shared', () => {
    const wrong = all.filter((a) => a.to.startsWith('electron/') && !a.to.startsWith('electron/shared/'));
    expect(wrong).toEqual([]);
  });

  it(`points down inside ml/ (${ML_ORDER.join(' < ')}), in the order the lint rules enforce`, () => {
    const level = (path: string): number => ML_ORDER.indexOf(path.split('/')[1] ?? '');
    const wrong = all.filter((a) => a.to.startsWith('ml/') && level(a.to) > level(a.from));
    expect(wrong).toEqual([]);
    // Every ml/ folder is in the order, so a new one has to be placed.
    const folders = readdirSync(join(root, 'ml'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...ML_ORDER].sort());
  });
});
