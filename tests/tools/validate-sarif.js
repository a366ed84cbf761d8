#!/usr/bin/env node
/*
 * validate-sarif.js - validate SARIF logs against the SARIF 2.1.0 JSON schema.
 *
 * usage: node validate-sarif.js FILE...   ("-" reads standard input)
 *
 * The schema is the OASIS SARIF 2.1.0 schema (revision rtm.5, the one the
 * published standard is built from) as shipped by the npm package
 * @microsoft/jest-sarif; it is a JSON Schema draft-04 document, so it is
 * compiled with ajv-draft-04, and ajv-formats checks "uri", "date-time", ...
 * Exit 0 when every file is valid, 1 when one is not (each error is printed
 * as "FILE: <instance path> <message>"), 2 on usage or setup errors.
 */
'use strict';

const fs = require('fs');
const path = require('path');

function die(msg) {
	process.stderr.write(`validate-sarif: ${msg}\n`);
	process.exit(2);
}

let Ajv04, addFormats, schemaPath;
try {
	Ajv04 = require('ajv-draft-04');
	addFormats = require('ajv-formats');
	schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
} catch (e) {
	die(`${e.message}\n(run 'npm ci' in ${path.resolve(__dirname, '..')})`);
}

const files = process.argv.slice(2);
if (!files.length)
	die('usage: validate-sarif.js FILE...');

const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
/* unicodeRegExp: false because the official schema's `language` pattern,
 * ^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$, has a stray ']' that is only
 * legal in a non-unicode regular expression. */
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const f of files) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(f === '-' ? 0 : f, 'utf8'));
	} catch (e) {
		process.stdout.write(`${f}: not JSON: ${e.message}\n`);
		bad++;
		continue;
	}
	if (validate(doc)) {
		process.stdout.write(`${f}: valid SARIF 2.1.0\n`);
		continue;
	}
	bad++;
	for (const err of validate.errors)
		process.stdout.write(`${f}: ${err.instancePath || '/'} ${err.message}` +
			`${err.params && err.params.additionalProperty ? ` ('${err.params.additionalProperty}')` : ''}\n`);
}
process.exit(bad ? 1 : 0);
