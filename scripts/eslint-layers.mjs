// The architecture's layers, enforced at lint time: a workspace imports only the `@panda/*`
// packages the architecture lets it use and its own package.json names, and never reaches into
// another workspace's files by a relative path.
import fs from 'node:fs';
import path from 'node:path';

/** @typedef {{ folder: string, name: string, dependencies: Set<string> }} Workspace */

/** @type {Map<string, Workspace[]>} */
const workspacesByRoot = new Map();

/** The root package.json's workspaces, each with its package name and the packages it names. */
function workspacesOf(root) {
  let workspaces = workspacesByRoot.get(root);
  if (!workspaces) {
    const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    workspaces = rootPackage.workspaces.map((folder) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, folder, 'package.json'), 'utf8'));
      return {
        folder,
        name: pkg.name,
        dependencies: new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]),
      };
    });
    workspacesByRoot.set(root, workspaces);
  }
  return workspaces;
}

function workspaceOfFile(root, file) {
  const relative = path.relative(root, file);
  if (relative.startsWith('..')) return undefined;
  return workspacesOf(root).find((workspace) => relative === workspace.folder || relative.startsWith(workspace.folder + path.sep));
}

/** `@panda/db/testing` → `@panda/db`. */
const packageOf = (specifier) => specifier.split('/').slice(0, 2).join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between workspaces follow the architecture' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          allowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'allowed'],
        additionalProperties: false,
      },
    ],
    messages: {
      layer: '{{from}} may not import {{to}}: the architecture lets it use {{allowed}}',
      undeclared: '{{to}} is not named in {{folder}}/package.json; add it to its dependencies',
      reachIn: 'import {{to}} by its package name, not by a path into {{folder}}/',
    },
  },
  create(context) {
    const { root, allowed } = context.options[0];
    const from = workspaceOfFile(root, context.filename);
    if (!from) return {};
    const allowedFor = allowed[from.name] ?? [];

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      let target;
      if (specifier.startsWith('@panda/')) {
        target = packageOf(specifier);
      } else if (specifier.startsWith('.')) {
        const into = workspaceOfFile(root, path.resolve(path.dirname(context.filename), specifier));
        if (!into || into === from) return;
        context.report({ node, messageId: 'reachIn', data: { to: into.name, folder: into.folder } });
        target = into.name;
      } else {
        return;
      }
      if (target === from.name) return;
      if (!allowedFor.includes(target)) {
        context.report({
          node,
          messageId: 'layer',
          data: { from: from.name, to: target, allowed: allowedFor.length ? allowedFor.join(', ') : 'no other workspace' },
        });
      } else if (!from.dependencies.has(target)) {
        context.report({ node, messageId: 'undeclared', data: { to: target, folder: from.folder } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
