// Marks what the parser extracted (units, deadlines, amounts) in a document's source text.
//
// The stored text is the source as printed: hard-wrapped lines, layout spaces inside words,
// full-width digits. The parser's strings are normalized, so matching skips white space and
// line breaks and folds full-width ASCII; a match may span lines and is then marked piecewise.
// Everything is built from text nodes: document text is never parsed as HTML.

const SPACE = /[\s\u3000\u00a0]/;

function fold(ch) {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return ch;
}

//! The text without white space, folded, and for each of its code units the index in `text`.
export function normalize(text) {
  let norm = '';
  const map = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (SPACE.test(ch)) continue;
    norm += fold(ch);
    map.push(i);
  }
  return {norm, map};
}

//! Ranges [start, end) in `text` where needles ({text, kind}) occur, without overlaps: at a
//! conflict the earlier, then the longer match wins.
export function findMarks(text, needles) {
  const {norm, map} = normalize(text);
  const found = [];
  const seen = new Set();
  for (const n of needles) {
    const needle = normalize(n.text || '').norm;
    // One character matches everywhere and marks nothing useful.
    if (needle.length < 2 || seen.has(`${n.kind}\u0000${needle}`)) continue;
    seen.add(`${n.kind}\u0000${needle}`);
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
      found.push({start: map[at], end: map[at + needle.length - 1] + 1, kind: n.kind});
    }
  }
  found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const marks = [];
  let last = 0;
  for (const m of found) {
    if (m.start < last) continue;
    marks.push(m);
    last = m.end;
  }
  return marks;
}

const LABELS = {unit: '单位', deadline: '时限', amount: '数额'};

//! Renders `text` (first line numbered firstLine) as one element per line, with the marks.
//! Each line element has data-line so the outline can scroll to it.
export function renderText(text, marks, firstLine) {
  const root = document.createElement('div');
  root.className = 'doctext';
  const lines = text.split('\n');
  let offset = 0;
  let mi = 0;
  lines.forEach((line, i) => {
    const lineEl = document.createElement('div');
    lineEl.className = 'line';
    lineEl.dataset.line = String(firstLine + i);
    const end = offset + line.length;
    let pos = offset;
    while (mi < marks.length && marks[mi].start < end) {
      const m = marks[mi];
      const s = Math.max(m.start, pos);
      const e = Math.min(m.end, end);
      if (s > pos) lineEl.append(document.createTextNode(text.slice(pos, s)));
      if (e > s) {
        const mark = document.createElement('mark');
        mark.className = m.kind;
        mark.title = LABELS[m.kind] || m.kind;
        mark.textContent = text.slice(s, e);
        lineEl.append(mark);
      }
      pos = Math.max(pos, e);
      if (m.end <= end) mi++;
      else break;  // continues on the next line
    }
    if (pos < end) lineEl.append(document.createTextNode(text.slice(pos, end)));
    if (!line.length) lineEl.append(document.createElement('br'));
    root.append(lineEl);
    offset = end + 1;  // the '\n'
  });
  return root;
}

//! Needles from a parsed document (the `duban parse --json` shape): the units as printed and
//! as canonical names, deadline texts, and the texts of targets (amounts).
export function needlesOf(doc) {
  const needles = [];
  for (const t of doc.tasks || []) {
    for (const u of t.units_as_printed || []) needles.push({text: u, kind: 'unit'});
    if (t.deadline && t.deadline.text) needles.push({text: t.deadline.text, kind: 'deadline'});
    for (const g of t.targets || []) if (g.text) needles.push({text: g.text, kind: 'amount'});
  }
  for (const g of doc.targets || []) if (g.text) needles.push({text: g.text, kind: 'amount'});
  return needles;
}
