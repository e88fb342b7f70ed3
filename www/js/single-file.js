// Entry point of a single-file page (`dateline build --single-file`): esbuild
// bundles this module with everything it imports, the full core's glue
// included, into the one inline module script of the page (build.sh
// build_shell, target/shell/single/page.js). From file:// nothing can be
// imported or fetched, so the glue comes with the bundle and the bytes
// (wasm, corpus) from the page's data blocks (engine.js `siteFile`).

import * as glue from '../pkg/dateline.js';
import { start } from './app.js';

start({ glue });
