// Entry point of a site served as files (index.html loads it): start the
// page, which imports the wasm core's glue from pkg/ (see app.js), with the
// reader's own files (import-controller.js): a served page can run the
// import worker; a single-file page (single-file.js) cannot, so its bundle
// leaves them out.

import { start } from './app.js';
import { ownFiles } from './import-controller.js';

start({ own: ownFiles() });
