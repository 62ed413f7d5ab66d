#!/usr/bin/env node
// CHANGELOG.md from git history (docs/releasing.md): `npx projen changelog` (node scripts/changelog.js CHANGELOG.md).
//
// The conventional commits (https://www.conventionalcommits.org/en/v1.0.0/) between release tags (vX.Y.Z, the tags
// projen's release creates) are listed under their release, newest first; commits after the last tag under
// "Unreleased". Like the conventionalcommits preset that projen's bump uses for dist/changelog.md (the release notes),
// only user-facing types are listed: feat, fix, perf, revert, and every breaking change (`type!:` or a
// `BREAKING CHANGE:` footer) whatever its type. Merge commits are skipped (their branch's commits are listed).
// Deterministic: the same history gives the same file, with no date but the tags' own.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');

const SECTIONS = [['feat', 'Features'], ['fix', 'Bug Fixes'], ['perf', 'Performance'], ['revert', 'Reverts']];
const HEADER = /^(\w+)(?:\(([^)]*)\))?(!)?: (.+)$/;
const TAG = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Parse one commit (subject and body); undefined when it is not a conventional commit. */
function parseCommit(hash, subject, body) {
  const m = HEADER.exec(subject.trim());
  if (!m) return undefined;
  const breakingNote = /^BREAKING[ -]CHANGE: ([\s\S]*)$/m.exec(body);
  return {
    hash,
    type: m[1].toLowerCase(),
    scope: m[2] || undefined,
    subject: m[4],
    breaking: m[3] === '!' || breakingNote !== null,
    breakingNote: breakingNote ? breakingNote[1].trim().split('\n\n')[0].replace(/\s+/g, ' ') : undefined,
  };
}

function compareTags(a, b) {
  const [x, y] = [TAG.exec(a), TAG.exec(b)];
  for (let i = 1; i <= 3; i++) if (+x[i] !== +y[i]) return +x[i] - +y[i];
  if (x[4] === y[4]) return 0;
  if (!x[4]) return 1; // a release sorts after its pre-releases
  if (!y[4]) return -1;
  return x[4] < y[4] ? -1 : 1;
}

function commits(cwd, range) {
  const out = git(cwd, 'log', '--no-merges', '--format=%H%x1f%s%x1f%b%x1e', ...(range ? [range] : []));
  return out.split('\x1e').map((r) => r.replace(/^\n/, '')).filter(Boolean).map((r) => {
    const [hash, subject, body] = r.split('\x1f');
    return parseCommit(hash, subject, body ?? '');
  }).filter(Boolean);
}

function renderRelease(title, list) {
  const line = (c) => `* ${c.scope ? `**${c.scope}:** ` : ''}${c.subject} (${c.hash.slice(0, 7)})`;
  const parts = [`## ${title}`];
  const breaking = list.filter((c) => c.breaking);
  if (breaking.length) {
    parts.push('### ⚠ BREAKING CHANGES', breaking.map((c) => `${line(c)}${c.breakingNote ? `: ${c.breakingNote}` : ''}`).join('\n'));
  }
  for (const [type, heading] of SECTIONS) {
    const of = list.filter((c) => c.type === type);
    if (of.length) parts.push(`### ${heading}`, of.map(line).join('\n'));
  }
  if (parts.length === 1) parts.push('No user-facing change (tests, docs, CI and build only).');
  return parts.join('\n\n');
}

/** The whole changelog of the repository at `cwd`. */
function changelog(cwd) {
  const tags = git(cwd, 'tag', '--list', 'v*').split('\n').filter((t) => TAG.test(t)).sort(compareTags).reverse();
  const releases = [];
  const unreleased = commits(cwd, tags.length ? `${tags[0]}..HEAD` : undefined);
  if (unreleased.length || !tags.length) releases.push(renderRelease('Unreleased', unreleased));
  tags.forEach((tag, i) => {
    const date = git(cwd, 'log', '-1', '--format=%cs', tag).trim();
    const range = i + 1 < tags.length ? `${tags[i + 1]}..${tag}` : tag;
    releases.push(renderRelease(`[${tag.slice(1)}] (${date})`, commits(cwd, range)));
  });
  return [
    '# Changelog',
    'Generated from the conventional commits in git history by `npx projen changelog` (scripts/changelog.js): features, fixes, ' +
      'performance changes, reverts and breaking changes, per release tag. Do not edit by hand. Each release also publishes ' +
      'its own notes (dist/changelog.md, written by `npx projen release`). See docs/releasing.md.',
    ...releases,
  ].join('\n\n') + '\n';
}

module.exports = { changelog, parseCommit, compareTags };

if (require.main === module) {
  const out = process.argv[2];
  const text = changelog(process.cwd());
  if (out) {
    fs.writeFileSync(out, text);
    console.log(`changelog: wrote ${out} (${text.split('\n').filter((l) => l.startsWith('* ')).length} entries)`);
  } else {
    process.stdout.write(text);
  }
}
