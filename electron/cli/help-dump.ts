/**
 * Prints every help page of `emoqa` as JSON (collectHelpPages): the CLI build runs this bundle once
 * and stores the result beside it, so that the bin answers `--help` without loading the commands.
 */
import { collectHelpPages } from './help-pages';
import { buildProgram } from './program';

process.stdout.write(JSON.stringify(collectHelpPages(buildProgram)));
