// The "Your own files" section and the page-wide drop zone (view-only): the
// two file inputs (files, a folder), drag and drop anywhere on the page, the
// progress bar with its counts and Cancel, the list of imported files with
// their article counts and errors, "Remove" per file and "Remove all". File
// names and messages are shown as text.

import { h, byId as $, download } from './dom.js';
import { plural } from '../format.js';

/** @typedef {import('../import-store.js').StoredEntry} StoredEntry */
/** @typedef {import('../import-worker.js').ImportProgress} ImportProgress */

/** A picked or dropped file with its path relative to what was picked. @typedef {{file: File, path: string}} PickedFile */

/**
 * Every file under a dropped folder entry (files as they are).
 * @param {FileSystemEntry} entry
 * @param {PickedFile[]} out
 * @returns {Promise<void>}
 */
async function walkEntry(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => /** @type {FileSystemFileEntry} */ (entry).file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = /** @type {FileSystemDirectoryEntry} */ (entry).createReader();
  for (;;) {
    /** @type {FileSystemEntry[]} */
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return;
    for (const e of batch) await walkEntry(e, out);
  }
}

/**
 * The files of a drop: folders walked (where the browser gives entries).
 * @param {DataTransfer} dt
 * @returns {Promise<PickedFile[]>}
 */
async function droppedFiles(dt) {
  const entries = Array.from(dt.items ?? [])
    .filter((it) => it.kind === 'file')
    .map((it) => (typeof it.webkitGetAsEntry === 'function' ? it.webkitGetAsEntry() : null));
  if (entries.length && entries.every((e) => e)) {
    /** @type {PickedFile[]} */
    const out = [];
    for (const e of entries) await walkEntry(/** @type {FileSystemEntry} */ (e), out);
    return out;
  }
  return Array.from(dt.files).map((file) => ({ file, path: file.name }));
}

/** @param {FileList|null} list @returns {PickedFile[]} */
const picked = (list) => Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));

export class ImportsView {
  constructor() {
    this.root = $('imports');
    this.files = /** @type {HTMLInputElement} */ ($('import-files'));
    this.folder = /** @type {HTMLInputElement} */ ($('import-folder'));
    this.progress = $('import-progress');
    this.bar = /** @type {HTMLProgressElement} */ ($('import-bar'));
    this.count = $('import-count');
    this.cancelButton = $('import-cancel');
    this.status = $('import-status');
    this.list = $('import-list');
    this.removeAll = $('import-remove-all');
    this.saveButton = $('import-save');
    this.dropZone = $('drop-zone');
  }

  /**
   * Show the section and call back with what is picked or dropped.
   * @param {{add: (files: PickedFile[]) => void, cancel: () => void, remove: (key: string|null) => void, save: () => void}} on
   */
  bind(on) {
    this.root.hidden = false;
    for (const input of [this.files, this.folder]) {
      input.addEventListener('change', () => {
        const files = picked(input.files);
        input.value = ''; // the same files can be picked again
        if (files.length) on.add(files);
      });
    }
    this.cancelButton.addEventListener('click', () => on.cancel());
    this.removeAll.addEventListener('click', () => on.remove(null));
    this.saveButton.addEventListener('click', () => on.save());
    this.list.addEventListener('click', (ev) => {
      const b = ev.target instanceof Element ? ev.target.closest('button.import-remove') : null;
      const key = b instanceof HTMLElement ? b.dataset.key : undefined;
      if (key) on.remove(key);
    });
    // Drag and drop anywhere: the zone shows while files are over the page
    // (enter and leave come for every child crossed: count them).
    let depth = 0;
    const hasFiles = (/** @type {DragEvent} */ ev) => Array.from(ev.dataTransfer?.types ?? []).includes('Files');
    document.addEventListener('dragenter', (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      depth++;
      this.dropZone.hidden = false;
    });
    document.addEventListener('dragover', (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) this.dropZone.hidden = true;
    });
    document.addEventListener('drop', async (ev) => {
      depth = 0;
      this.dropZone.hidden = true;
      if (!ev.dataTransfer || !hasFiles(ev)) return;
      ev.preventDefault();
      const files = await droppedFiles(ev.dataTransfer);
      if (files.length) on.add(files);
    });
  }

  /** @param {boolean} busy  An import or removal is running: no other may start. */
  setBusy(busy) {
    this.files.disabled = busy;
    this.folder.disabled = busy;
    this.removeAll.toggleAttribute('disabled', busy);
    this.saveButton.toggleAttribute('disabled', busy);
    for (const b of this.list.querySelectorAll('button')) b.toggleAttribute('disabled', busy);
    this.root.toggleAttribute('data-busy', busy);
  }

  /** @param {number} total  Files about to be read. */
  startProgress(total) {
    this.progress.hidden = false;
    this.bar.max = Math.max(total, 1);
    this.bar.value = 0;
    this.count.textContent = `0 of ${total.toLocaleString()} files`;
    this.count.dataset.done = '0';
    this.count.dataset.total = String(total);
  }

  /** @param {ImportProgress} p */
  showProgress(p) {
    this.bar.value = p.done;
    this.count.dataset.done = String(p.done);
    this.count.dataset.rate = String(p.rate);
    this.count.textContent = `${p.done.toLocaleString()} of ${p.total.toLocaleString()} files · ${plural(p.articles, 'article')} · ${Math.round(p.rate).toLocaleString()} articles/s`;
  }

  endProgress() {
    this.progress.hidden = true;
  }

  /**
   * Hand `bytes` to the browser as a download named `name`.
   * @param {Uint8Array<ArrayBuffer>} bytes
   * @param {string} name
   */
  download(bytes, name) {
    download(bytes, name, 'application/zip');
  }

  /** @param {string} text */
  say(text) {
    this.status.textContent = text;
  }

  /**
   * The imported files, in import order.
   * @param {StoredEntry[]} entries
   */
  renderList(entries) {
    this.removeAll.hidden = entries.length === 0;
    this.list.dataset.files = String(entries.length);
    this.list.replaceChildren(
      ...entries.map((e) => {
        const li = h('li', 'import-file');
        li.dataset.key = e.key;
        li.dataset.name = e.name;
        li.dataset.articles = String(e.articles);
        li.append(h('code', 'import-name', e.name), ' ');
        li.append(h('span', 'import-count', e.unsupported ? 'not a format Dateline reads' : plural(e.articles, 'article')));
        const remove = h('button', 'button import-remove', 'Remove');
        remove.setAttribute('type', 'button');
        remove.dataset.key = e.key;
        remove.setAttribute('aria-label', `Remove ${e.name}`);
        li.append(remove);
        // Errors first (what was lost), then warnings (what was changed: a renamed id, an undated article).
        const shown = [...e.diagnostics.filter((d) => d.severity === 'error'), ...e.diagnostics.filter((d) => d.severity !== 'error')];
        if (shown.length) {
          const ul = h('ul', 'import-errors');
          for (const d of shown) {
            const item = h('li', d.severity === 'error' ? 'import-error' : 'import-warning');
            item.append(h('code', 'diag-file', d.line != null ? `${d.file}:${d.line}` : d.file), ' ', h('span', 'diag-message', d.message));
            ul.append(item);
          }
          li.append(ul);
        }
        return li;
      }),
    );
  }
}
