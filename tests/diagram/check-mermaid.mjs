// check-mermaid.mjs - validate Mermaid files with Mermaid itself.
//
//   node check-mermaid.mjs [--text DIR] FILE...
//
// Each file is parsed by mermaid.parse() and then rendered by
// mermaid.render() in a jsdom window (text is measured by a stand-in, so the
// layout is rough, but every step of Mermaid's renderer runs: an arrow to an
// unknown shape, say, fails here as it would in a browser). Then the
// diagram's own database is inspected: a title, every relation labelled,
// every relation between elements that exist, and the key.
//
// With --text DIR, the text of each rendered SVG (what a reader sees, all
// whitespace removed) is written to DIR/<file name>.words.
//
// Prints "ok FILE (type, N elements, M relations)" per file, or the error;
// exits 1 when any file failed. Needs `npm ci` in this folder (mermaid and
// jsdom, pinned in package-lock.json).
import fs from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
const w = dom.window;
for (const k of ['window', 'document', 'navigator', 'Element', 'HTMLElement', 'SVGElement',
		 'Node', 'DOMParser', 'MutationObserver', 'CSSStyleSheet', 'getComputedStyle',
		 'screen']) {
	if (!(k in globalThis)) globalThis[k] = k === 'window' ? w : w[k];
}
// jsdom has no layout: measure text as 7 px a character, 16 px high.
w.SVGElement.prototype.getBBox = function () {
	const n = (this.textContent || '').length;
	return { x: 0, y: 0, width: 7 * n + 1, height: 16 };
};
w.SVGElement.prototype.getComputedTextLength = function () {
	return 7 * (this.textContent || '').length;
};

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

function fail(file, msg) {
	console.log(`FAIL ${file}: ${msg}`);
	return false;
}

async function check(file, n) {
	const text = fs.readFileSync(file, 'utf8');
	try {
		await mermaid.parse(text);
	} catch (e) {
		return fail(file, `parse: ${e.message}`);
	}
	let svg;
	try {
		({ svg } = await mermaid.render(`d${n}`, text));
	} catch (e) {
		return fail(file, `render: ${e.message}`);
	}
	if (textDir) {
		const doc = new w.DOMParser().parseFromString(svg, 'text/html');
		for (const s of doc.querySelectorAll('style')) s.remove();
		const words = doc.body.textContent.replace(/\s+/g, '');
		fs.writeFileSync(`${textDir}/${file.split('/').pop()}.words`, words + '\n');
	}
	// front matter (the flowchart's title) is handled before the parser
	const fm = text.match(/^---\n([\s\S]*?)\n---\n/);
	const body = fm ? text.slice(fm[0].length) : text;
	const d = await mermaid.mermaidAPI.getDiagramFromText(body);
	const db = d.db;
	if (d.type === 'c4') {
		const shapes = db.getC4ShapeArray();
		const aliases = new Set(shapes.map((s) => s.alias));
		const rels = db.getRels();
		if (!/^title \S/m.test(body)) return fail(file, 'no title');
		for (const r of rels) {
			if (!aliases.has(r.from) || !aliases.has(r.to))
				return fail(file, `relation ${r.from} -> ${r.to} names an unknown element`);
			if (!r.label || !r.label.text || !r.label.text.trim())
				return fail(file, `relation ${r.from} -> ${r.to} has no label`);
		}
		if (!shapes.some((s) => s.alias.startsWith('key_')))
			return fail(file, 'no key');
		if (shapes.some((s) => s.typeC4Shape.text === 'external_system' &&
			!s.alias.startsWith('key_')) && !aliases.has('key_external'))
			return fail(file, 'external systems but no key entry for them');
		console.log(`ok ${file} (c4, ${shapes.length} elements, ${rels.length} relations)`);
		return true;
	}
	if (d.type === 'flowchart-v2') {
		const v = db.getVertices();
		const ids = new Set([...v.keys()]);
		for (const s of db.getSubGraphs()) ids.add(s.id);
		const edges = db.getEdges();
		if (!fm || !/^title: "(?:[^"\\]|\\.)+"$/m.test(fm[1])) return fail(file, 'no title');
		for (const e of edges) {
			if (!ids.has(e.start) || !ids.has(e.end))
				return fail(file, `edge ${e.start} -> ${e.end} names an unknown node`);
			if (!e.text || !e.text.trim())
				return fail(file, `edge ${e.start} -> ${e.end} has no label`);
		}
		if (!db.getSubGraphs().some((s) => s.id === 'key')) return fail(file, 'no key');
		console.log(`ok ${file} (flowchart, ${v.size} nodes, ${edges.length} edges)`);
		return true;
	}
	return fail(file, `unexpected diagram type ${d.type}`);
}

let args = process.argv.slice(2);
let textDir = null;
if (args[0] === '--text') {
	textDir = args[1];
	args = args.slice(2);
}
let ok = true;
let n = 0;
for (const f of args) ok = (await check(f, n++)) && ok;
process.exit(ok ? 0 : 1);
