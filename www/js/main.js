// Entry point of a site served as files (index.html loads it): start the
// page, which imports the wasm core's glue from pkg/ (see app.js).

import { start } from './app.js';

start();
