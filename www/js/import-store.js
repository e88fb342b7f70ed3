// Where the reader's own files are kept: the one definition of their layout
// in the origin's private file system (OPFS), read by the page at start-up
// (imports.js `readStored`) and written by the import worker
// (import-worker.js). Nothing here touches the DOM, so both can import it.
//
// Layout: `dateline-imports/SITE/` where SITE is the site's path on its
// origin, escaped (two sites served from one origin, `/a/` and `/b/`, keep
// their own files); in it `list.json` (the imported files in import order,
// `StoredEntry`s) and one `KEY.pack` (an article pack) per file that gave
// articles. `list.json` is written last, so an import stopped half-way
// leaves packs no entry names; the next change sweeps them away.

/**
 * One imported file as kept in `list.json` and shown in the page's list.
 * @typedef {object} StoredEntry
 * @property {string} key     Unique; its pack is `KEY.pack`.
 * @property {string} name    The file's path as picked (a folder's files keep their relative path).
 * @property {number} articles
 * @property {import('./types.js').Diagnostic[]} diagnostics
 * @property {boolean} unsupported  Not a format the core reads (by its extension).
 */

const ROOT = 'dateline-imports';
const LIST = 'list.json';
/** This site's folder name: its path (this module is `js/import-store.js`). */
const SITE = encodeURIComponent(new URL('../', import.meta.url).pathname);

/** Whether this browser has OPFS. */
export function hasStore() {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/**
 * This site's folder (made when `create`; throws when missing otherwise).
 * @param {boolean} create
 * @returns {Promise<FileSystemDirectoryHandle>}
 */
export async function siteFolder(create) {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create });
  return root.getDirectoryHandle(SITE, { create });
}

/**
 * The stored list (empty when there is none).
 * @param {FileSystemDirectoryHandle} dir
 * @returns {Promise<StoredEntry[]>}
 */
export async function readList(dir) {
  let text;
  try {
    text = await (await (await dir.getFileHandle(LIST)).getFile()).text();
  } catch {
    return []; // nothing imported yet
  }
  const list = JSON.parse(text);
  return Array.isArray(list) ? list : [];
}

/**
 * A stored pack's bytes.
 * @param {FileSystemDirectoryHandle} dir
 * @param {string} key
 */
export async function readPack(dir, key) {
  return new Uint8Array(await (await (await dir.getFileHandle(`${key}.pack`)).getFile()).arrayBuffer());
}

/**
 * @param {FileSystemDirectoryHandle} dir
 * @param {string} name
 * @param {Uint8Array|string} data
 */
async function writeFile(dir, name, data) {
  const handle = await dir.getFileHandle(name, { create: true });
  const w = await handle.createWritable();
  await w.write(typeof data === 'string' ? data : new Uint8Array(data));
  await w.close();
}

/**
 * Store packs, then the list that names them (the commit point).
 * @param {FileSystemDirectoryHandle} dir
 * @param {{key: string, pack: Uint8Array}[]} packs
 * @param {StoredEntry[]} list  The whole list after the change.
 */
export async function writeStore(dir, packs, list) {
  for (const { key, pack } of packs) await writeFile(dir, `${key}.pack`, pack);
  await writeFile(dir, LIST, JSON.stringify(list));
  await sweep(dir, list);
}

/**
 * Remove every file of the folder no entry of `list` names (packs of a
 * stopped import, or of removed entries).
 * @param {FileSystemDirectoryHandle} dir
 * @param {StoredEntry[]} list
 */
async function sweep(dir, list) {
  const keep = new Set([LIST, ...list.map((e) => `${e.key}.pack`)]);
  /** @type {string[]} */
  const drop = [];
  // @ts-ignore: TypeScript's DOM types lack the directory's async iterator.
  for await (const name of dir.keys()) if (!keep.has(name)) drop.push(name);
  for (const name of drop) await dir.removeEntry(name);
}
