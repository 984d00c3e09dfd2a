// Titles of stored documents by id, for links in citation lists. Read once per page load.
import {get} from './api.js';

let index = null;

export async function documentIndex() {
  if (!index) {
    index = get('/documents', {limit: 1000}).then((res) => new Map((res.items || []).map((d) => [d.id, d])),
                                                 (e) => {
                                                   index = null;
                                                   throw e;
                                                 });
  }
  return index;
}

export function docLabel(doc, id) {
  if (!doc) return `文件 ${id}`;
  return [doc.title, doc.doc_number].filter(Boolean).join(' ') || `文件 ${id}`;
}
