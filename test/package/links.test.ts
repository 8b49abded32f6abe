import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Every link the listing and the task point into the repository's own files resolves: the file exists
 * and, for a Markdown file, the `#anchor` names one of its headings as GitHub writes heading ids. Links
 * are followed from the manifest, task.json and the overview into each Markdown file they reach.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/keda-pool-guard/keda-pool-guard';

interface Link {
  from: string;
  target: string;
}

/** A heading's id as GitHub writes it (github-slugger): lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of outsideCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_~]/g, (c) => (c === '_' ? '_' : ''));
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

function markdownLinks(file: string): Link[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  const bare = [...text.matchAll(/<(https?:\/\/[^>]+)>/g)].map((m) => m[1]);
  return [...inline, ...bare].map((target) => ({ from: file, target }));
}

/** A link's file in the repository and its anchor, or undefined for a link elsewhere (or to a GitHub page such as issues). */
function inRepository(link: Link): { file: string; anchor?: string } | undefined {
  const [address, anchor] = link.target.split('#', 2);
  if (address.startsWith(REPOSITORY)) {
    const rest = address.slice(REPOSITORY.length).replace(/^\/+/, '');
    if (rest === '') return { file: 'README.md', anchor };
    const blob = /^blob\/main\/(.+)$/.exec(rest);
    return blob ? { file: blob[1], anchor } : undefined;
  }
  if (/^[a-z]+:/i.test(address)) return undefined;
  const file = address === '' ? link.from : path.posix.join(path.posix.dirname(link.from), address);
  return { file, anchor };
}

function linksOfTaskJson(): Link[] {
  const task = JSON.parse(readFileSync(path.join(ROOT, 'tasks/KedaPoolGuardV1/task.json'), 'utf8')) as {
    helpUrl: string;
    helpMarkDown: string;
    inputs: Array<{ helpMarkDown?: string }>;
  };
  const from = 'tasks/KedaPoolGuardV1/task.json';
  const help = [task.helpMarkDown, ...task.inputs.map((input) => input.helpMarkDown ?? '')].join('\n');
  return [{ from, target: task.helpUrl }, ...[...help.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ from, target: m[1] }))];
}

function linksOfManifest(): Link[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'vss-extension.json'), 'utf8')) as {
    links: Record<string, { uri: string }>;
    CustomerQnASupport?: { url?: string };
    content: Record<string, { path: string }>;
  };
  const from = 'vss-extension.json';
  return [
    ...Object.values(manifest.links).map(({ uri }) => ({ from, target: uri })),
    ...(manifest.CustomerQnASupport?.url ? [{ from, target: manifest.CustomerQnASupport.url }] : []),
    ...Object.values(manifest.content).map(({ path: file }) => ({ from, target: file })),
  ];
}

describe('links into the repository, from the listing and the task', () => {
  // Followed breadth-first: every Markdown file reached is read for its own links.
  const checked: Array<Link & { file: string; anchor?: string }> = [];
  const queue: Link[] = [...linksOfManifest(), ...linksOfTaskJson(), ...markdownLinks('overview.md')];
  const read = new Set(['overview.md']);
  while (queue.length > 0) {
    const link = queue.shift()!;
    const target = inRepository(link);
    if (!target) continue;
    checked.push({ ...link, ...target });
    if (target.file.endsWith('.md') && existsSync(path.join(ROOT, target.file)) && !read.has(target.file)) {
      read.add(target.file);
      queue.push(...markdownLinks(target.file));
    }
  }

  it('finds the links: the help URL, the privacy policy, support, the changelog', () => {
    const files = new Set(checked.map((link) => link.file));
    for (const file of ['README.md', 'PRIVACY.md', 'SUPPORT.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(files.has(file), file);
  });

  for (const link of checked) {
    it(`${link.from} → ${link.target}`, () => {
      const file = path.join(ROOT, link.file);
      assert.ok(existsSync(file), `${link.file} does not exist`);
      if (link.anchor === undefined) return;
      assert.ok(link.file.endsWith('.md'), `an anchor into ${link.file}, which is no Markdown file`);
      const ids = headingIds(readFileSync(file, 'utf8'));
      assert.ok(ids.has(link.anchor), `no heading #${link.anchor} in ${link.file}; it has ${[...ids].join(', ')}`);
    });
  }

  it('reads heading ids as GitHub writes them', () => {
    assert.deepEqual(
      [
        ...headingIds(
          '# The pipeline task `KedaPoolGuard@1`\n## Without a personal access token\n## FAQ\n## FAQ\n```\n# not a heading\n```',
        ),
      ],
      ['the-pipeline-task-kedapoolguard1', 'without-a-personal-access-token', 'faq', 'faq-1'],
    );
  });
});
