/**
 * `node --import tsx statements-cli.ts DIR LABEL [OPTIONS_JSON]`: the statement counts of the
 * tree this file sits in, as JSON on stdout (a baseline's, see baseline.ts).
 */
import { oursStatements } from './statements.js';

const [dir, label, options] = process.argv.slice(2);
const rows = await oursStatements(dir!, label!, options ? JSON.parse(options) : {});
process.stdout.write(JSON.stringify(rows));
