import { existsSync, promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { startHttpServer } from '../../http/server';
import { createAppServices } from '../../services/app-services';
import { invokeHandler } from '../../services/invoke';
import { EmoqaError } from '../../shared/errors';
import { REPO_ROOT as repoRoot } from '../../../ml/train/paths';

const optionsSchema = z.object({ db: z.string().min(1).optional(), out: z.string().min(1), static: z.string().min(1).optional() });

/**
 * `emoqa scorecard CALL --out card.pdf`: the same scorecard page the app prints, rendered by a
 * headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) over browser mode, then page.pdf().
 */
export function registerScorecardCommand(program: Command): void {
  program
    .command('scorecard <recording>')
    .description('Write the one-page call scorecard (both parties\' emotions, customer episodes and the agent\'s responses, notes) as PDF.')
    .requiredOption('--out <card.pdf>', 'where to write the PDF')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--static <dir>', 'built renderer (default: out/renderer; `npx electron-vite build` makes it)')
    .action(async (recording: string, rawOptions: unknown) => {
      const parsed = optionsSchema.safeParse(rawOptions);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      const options = parsed.data;
      const staticDir = resolve(options.static ?? resolve(repoRoot, 'out/renderer'));
      if (!existsSync(resolve(staticDir, 'index.html'))) throw new EmoqaError('NOT_FOUND', `no built renderer in ${staticDir}; run \`npx electron-vite build\``);
      const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
      if (!existsSync(chromiumPath)) throw new EmoqaError('NOT_FOUND', `no Chromium at ${chromiumPath}; set CHROMIUM_PATH`);
      const services = await createAppServices({ databasePath: resolveDatabasePath(options.db), appVersion: 'cli', resumeInterrupted: false });
      const server = await startHttpServer({ handlers: services.handlers, events: services.events, staticDir });
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      try {
        await invokeHandler(services.handlers, 'recordings.get', { id: recording });
        const page = await browser.newPage();
        await page.goto(`${server.url}#/scorecard/${encodeURIComponent(recording)}`);
        await page.locator('[data-scorecard-ready="true"]').waitFor({ timeout: 30_000 });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
        const target = resolve(options.out);
        await fs.mkdir(dirname(target), { recursive: true });
        await fs.writeFile(target, pdf);
        process.stderr.write(`emoqa scorecard: ${recording} → ${target}\n`);
      } finally {
        await browser.close();
        await server.close();
        await services.close();
      }
    });
}
