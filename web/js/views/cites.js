// 引用关系: which stored documents cite which (and what they cite that is not stored).
import {get} from '../api.js';
import {h, render} from '../dom.js';
import {docLabel, documentIndex} from '../docindex.js';

export async function citesView({params, isCurrent}) {
  const showAll = params.get('all') === '1';
  const [res, index] = await Promise.all([get('/citations'), documentIndex()]);
  if (!isCurrent()) return;
  const items = res.items.filter((c) => showAll || c.to_document);
  const docLink = (id) => h('a', {href: `#/docs/${id}`}, docLabel(index.get(id), id));
  const cited = (c) => c.to_document ? docLink(c.to_document)
                                     : [c.title ? `《${c.title}》` : '', c.doc_number ? `（${c.doc_number}）` : '', h('span', {class: 'muted'}, ' 未收录')];
  const inner = res.items.filter((c) => c.to_document).length;
  render('引用关系', h('h1', {}, '引用关系'),
         h('p', {}, `共 ${res.items.length} 条引用，其中 ${inner} 条指向已收录的文件。`,
           showAll ? h('a', {href: '#/cites'}, '只看已收录文件之间的引用') : h('a', {href: '#/cites?all=1'}, '显示全部引用（含未收录文件）')),
         items.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'cites'},
             h('caption', {class: 'muted'}, '引用文件 → 被引用文件'),
             h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, '引用文件'), h('th', {scope: 'col'}, '被引用文件'))),
             h('tbody', {}, items.map((c) => h('tr', {}, h('td', {}, docLink(c.from_document)), h('td', {}, cited(c)))))))
                      : h('p', {}, '没有引用关系。'));
}
