// An ESLint rule: a file may import from its own stage and the stages before it, never from one after
// it. The stages and their order are docs/architecture.md's "Stages"; eslint.config.js lists them.
import path from 'node:path';

/** The stage a repository path belongs to: the longest listed prefix that contains it. */
export function stageOf(relativePath, stages) {
  let best = null;
  for (const [rank, stage] of stages.entries()) {
    const inside = relativePath === stage || relativePath.startsWith(`${stage}/`);
    if (inside && (best === null || stage.length > best.stage.length)) best = { stage, rank };
  }
  return best;
}

const importSources = (node) => {
  if (node.type === 'ImportExpression') return node.source.type === 'Literal' ? node.source.value : null;
  return node.source?.value ?? null;
};

/** @type {import('eslint').Rule.RuleModule} */
export const stageOrder = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports run one way between stages: from a later stage to an earlier one.' },
    schema: [
      {
        type: 'object',
        properties: { stages: { type: 'array', items: { type: 'string' } } },
        required: ['stages'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        '`{{from}}` comes before `{{to}}` in the stage order, so it cannot import it (docs/architecture.md, "Stages"). Move the shared part down, or pass it in.',
    },
  },
  create(context) {
    const { stages } = context.options[0];
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const own = stageOf(file, stages);
    if (own === null) return {};
    const check = (node) => {
      const source = importSources(node);
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      const theirs = stageOf(target, stages);
      if (theirs !== null && theirs.rank > own.rank) {
        context.report({ node: node.source ?? node, messageId: 'upward', data: { from: own.stage, to: theirs.stage } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const testFile = /\.(test|e2e)\.tsx?$/;
const testFolders = ['test', 'android-app/test'];

/** @type {import('eslint').Rule.RuleModule} */
export const noTestHelpers = {
  meta: {
    type: 'problem',
    docs: { description: 'Production code never imports a test helper (test/support and the like).' },
    schema: [],
    messages: {
      testHelper:
        'Production code cannot import `{{source}}`: it is a test helper. Move what both need into the stage.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    if (testFile.test(file) || testFolders.some((folder) => file.startsWith(`${folder}/`))) return {};
    const check = (node) => {
      const source = importSources(node);
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      if (testFolders.some((folder) => target.startsWith(`${folder}/`))) {
        context.report({ node: node.source ?? node, messageId: 'testHelper', data: { source } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'stage-order': stageOrder, 'no-test-helpers': noTestHelpers } };
