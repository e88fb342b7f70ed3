// The reader's own files in the page: what happens when files are picked or
// dropped (import in the worker, then re-index), cancelled, or removed
// (from OPFS, then re-index). The collection is always indexed anew from the
// site's packs and every imported file's (`Corpus.rebuild`), so search,
// both timelines, events and entities answer over all articles at once.
// "Save as site" zips the site with the imported files (in the worker) and
// downloads it. `#imports[data-state]` says what runs: `idle`, `importing`,
// `removing`, `saving`.
// `ownFiles` is what the served page's start (main.js → app.js) takes.

import { ImportRun, canImport, readStored, runRemove, runSave, withError } from './imports.js';
import { errorText } from './engine.js';
import { plural } from './format.js';
import { ImportsView } from './view/imports.js';

/** @typedef {import('./imports.js').Imported} Imported */
/** @typedef {import('./import-store.js').StoredEntry} StoredEntry */
/** @typedef {import('./view/imports.js').PickedFile} PickedFile */
/** @typedef {import('./engine.js').Pack} Pack */

/**
 * The reader's own files for app.js `start`: the stored packs before the
 * collection is indexed, the section once the page runs (an in-page
 * collection where a worker can run; a prebuilt index is fixed).
 * @returns {import('./app.js').OwnFiles}
 */
export function ownFiles() {
  /** @type {Imported[]} */
  let stored = [];
  return {
    async packs() {
      stored = canImport() ? await readStored() : [];
      return packsOf(stored);
    },
    attach(corpus, controller) {
      if (!corpus.inpage || !canImport()) return;
      new ImportController({ corpus, controller, view: new ImportsView(), stored }).start();
    },
  };
}

/**
 * The packs of the files that gave articles, in import order; each named
 * by its file, so the core's messages name it.
 * @param {Imported[]} imported
 * @returns {Pack[]}
 */
function packsOf(imported) {
  return imported.flatMap(({ entry, pack }) => (pack ? [{ bytes: pack, name: entry.name }] : []));
}

export class ImportController {
  /**
   * @param {object} deps
   * @param {import('./engine.js').Corpus} deps.corpus
   * @param {import('./controller.js').Controller} deps.controller
   * @param {ImportsView} deps.view
   * @param {Imported[]} deps.stored  Imported on an earlier visit (already indexed by `Corpus.load`, in this order).
   */
  constructor({ corpus, controller, view, stored }) {
    this.corpus = corpus;
    this.controller = controller;
    this.view = view;
    /** @type {Imported[]} */
    this.entries = stored;
    /** @type {ImportRun|null} */
    this.run = null;
    this.busy = false;
    /** This indexing's renamed ids, by entry (see `settle`). @type {Map<Imported, import('./types.js').Diagnostic[]>} */
    this.renamed = new Map();
    this.settle();
  }

  /**
   * Fold what indexing said of each pack (`Corpus.extraReports`, in the
   * order of `packsOf`) into the entries: a pack the core could not read
   * is an error and leaves the index (the entry stays, removable); ids
   * renamed because another article has them are warnings on the file.
   * The renames are not stored: they depend on what else is in the
   * collection, so each indexing says them anew.
   */
  settle() {
    this.renamed = new Map();
    const reports = this.corpus.extraReports;
    let i = 0;
    this.entries = this.entries.map((e) => {
      if (!e.pack) return e;
      const report = reports[i++];
      if (report === null) return { entry: withError(e.entry, 'its stored articles could not be read: add it again'), pack: null };
      if (report?.length) this.renamed.set(e, report);
      return e;
    });
  }

  /** The list as shown: each entry with this indexing's renames. */
  shown() {
    return this.entries.map((e) => {
      const renamed = this.renamed.get(e);
      return renamed ? { ...e.entry, diagnostics: [...e.entry.diagnostics, ...renamed] } : e.entry;
    });
  }

  start() {
    this.view.bind({
      add: (files) => this.add(files),
      cancel: () => this.run?.cancel(),
      remove: (key) => this.remove(key),
      save: () => this.save(),
    });
    this.view.renderList(this.shown());
    this.setState('idle');
  }

  /** @param {'idle'|'importing'|'removing'|'saving'} state */
  setState(state) {
    this.busy = state !== 'idle';
    this.view.root.dataset.state = state;
    this.view.setBusy(this.busy);
  }

  /** Index the site's and every imported file's articles anew, and show them. */
  reindex() {
    this.corpus.rebuild(packsOf(this.entries));
    this.settle();
    this.controller.reindexed();
  }

  /** @param {PickedFile[]} files */
  async add(files) {
    if (this.busy) return;
    this.setState('importing');
    this.view.say('');
    this.view.startProgress(files.length);
    const run = new ImportRun(files, (p) => this.view.showProgress(p));
    this.run = run;
    try {
      const done = await run.done;
      if (!done) {
        this.view.say('Import cancelled: nothing was added.');
        return;
      }
      let p = 0;
      const before = this.entries.length;
      for (const entry of done.added) this.entries.push({ entry, pack: entry.articles > 0 ? done.packs[p++] : null });
      this.reindex();
      const added = this.entries.slice(before);
      const articles = done.added.reduce((n, e) => n + e.articles, 0);
      const failed = done.added.filter((e) => e.unsupported || e.diagnostics.some((d) => d.severity === 'error')).length;
      const renamed = added.reduce((n, e) => n + (this.renamed.get(e)?.length ?? 0), 0);
      let text = `Added ${plural(articles, 'article')} from ${plural(done.added.length, 'file')}`;
      if (failed) text += `; ${plural(failed, 'file')} with errors (listed below)`;
      if (renamed) text += `; ${plural(renamed, 'article')} renamed, as ${renamed === 1 ? 'its id was' : 'their ids were'} taken (listed below)`;
      text += done.persisted ? '.' : `. They are kept for this visit only: ${done.error ?? 'this browser cannot store them'}.`;
      this.view.say(text);
    } catch (e) {
      this.view.say(`The files could not be imported: ${errorText(e)}`);
    } finally {
      this.run = null;
      this.view.endProgress();
      this.view.renderList(this.shown());
      this.setState('idle');
    }
  }

  /** @param {string|null} key  null: every imported file. */
  async remove(key) {
    if (this.busy) return;
    this.setState('removing');
    try {
      await runRemove(key === null ? null : [key]);
      const gone = this.entries.filter((e) => key === null || e.entry.key === key);
      this.entries = this.entries.filter((e) => !gone.includes(e));
      this.reindex();
      this.view.say(gone.length === 1 ? `Removed ${gone[0].entry.name}.` : `Removed ${plural(gone.length, 'file')}.`);
    } catch (e) {
      this.view.say(`The files could not be removed: ${errorText(e)}`);
    } finally {
      this.view.renderList(this.shown());
      this.setState('idle');
    }
  }

  /** Download the site with the imported files as a zip (`dateline-site.zip`). */
  async save() {
    if (this.busy) return;
    this.setState('saving');
    this.view.say('Saving the site…');
    try {
      const done = await runSave();
      this.view.download(done.zip, 'dateline-site.zip');
      this.view.say(`Saved the site: ${plural(done.files, 'file')}, with ${plural(done.articles, 'article')} of your own (dateline-site.zip). Serve the unzipped folder with any static file server.`);
    } catch (e) {
      this.view.say(`The site could not be saved: ${errorText(e)}`);
    } finally {
      this.setState('idle');
    }
  }
}
