import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import layers, { layerImports } from '../../scripts/eslint-layers.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(root, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** A smaller copy of the architecture, so the rule's own logic is tested apart from the real map. */
const allowed = {
  '@panda/shared': [],
  '@panda/db': ['@panda/shared'],
  '@panda/sfu': ['@panda/shared'],
  '@panda/api': ['@panda/shared', '@panda/db'],
  '@panda/classroom-ui': ['@panda/shared'],
};
const options = [{ root, allowed }];

tester.run('layer-imports', layerImports, {
  valid: [
    { filename: at('sfu/src/x.ts'), code: "import { z } from '@panda/shared';", options },
    { filename: at('api/src/x.ts'), code: "import { testDatabase } from '@panda/db/testing';", options },
    { filename: at('classroom-ui/src/room/x.ts'), code: "import { api } from '../api/endpoints';", options },
    { filename: at('api/src/x.ts'), code: "import express from 'express';", options },
    // Tests and benchmarks sit outside the layers and may drive any of them.
    { filename: at('tests/api/x.test.ts'), code: "import { createApp } from '@panda/api';", options },
  ],
  invalid: [
    { filename: at('sfu/src/x.ts'), code: "import { createApp } from '@panda/api';", options, errors: [{ messageId: 'layer' }] },
    { filename: at('classroom-ui/src/x.ts'), code: "export * from '@panda/db';", options, errors: [{ messageId: 'layer' }] },
    { filename: at('classroom-ui/src/x.ts'), code: "const api = import('@panda/api');", options, errors: [{ messageId: 'layer' }] },
    {
      filename: at('api/src/modules/x.ts'),
      code: "import { WorkerPool } from '../../../sfu/src/worker-pool.js';",
      options,
      errors: [{ messageId: 'reachIn' }, { messageId: 'layer' }],
    },
    {
      // Allowed by the architecture, but a path into the package's files instead of its name.
      filename: at('api/src/x.ts'),
      code: "import { ErrorCode } from '../../shared/src/errors.js';",
      options,
      errors: [{ messageId: 'reachIn' }],
    },
  ],
});

describe('a workspace names the packages it imports', () => {
  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-layers-'));
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));
  const write = (file: string, json: object) => {
    fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
    fs.writeFileSync(path.join(fixture, file), JSON.stringify(json));
  };
  write('package.json', { workspaces: ['shared', 'sfu'] });
  write('shared/package.json', { name: '@panda/shared' });
  write('sfu/package.json', { name: '@panda/sfu', dependencies: { mediasoup: '3' } });

  it('refuses an allowed package that package.json does not name', () => {
    const linter = new Linter({ configType: 'flat', cwd: fixture });
    const messages = linter.verify(
      "import { z } from '@panda/shared';",
      {
        files: ['**/*.ts'],
        plugins: { panda: layers },
        rules: { 'panda/layer-imports': ['error', { root: fixture, allowed: { '@panda/sfu': ['@panda/shared'] } }] },
      },
      path.join(fixture, 'sfu/src/x.ts'),
    );
    expect(messages.map((m) => m.message)).toEqual(['@panda/shared is not named in sfu/package.json; add it to its dependencies']);
  });
});

describe('the project lint configuration', () => {
  it('refuses a deliberately wrong import in every layer that the architecture does not show', async () => {
    const eslint = new ESLint({ cwd: root });
    const wrong: Array<[file: string, specifier: string]> = [
      ['sfu/src/media-error.ts', '@panda/api'],
      ['sfu/src/media-error.ts', '@panda/signaling'],
      ['api/src/app.ts', '@panda/signaling'],
      ['signaling/src/gateway.ts', '@panda/api'],
      ['classroom-ui/src/main.tsx', '@panda/db'],
      ['shared/src/index.ts', '@panda/db'],
    ];
    for (const [file, specifier] of wrong) {
      const config = (await eslint.calculateConfigForFile(at(file))) as Linter.Config;
      const rule = config.rules?.['panda/layer-imports'];
      expect(rule, file).toBeDefined();
      const linter = new Linter({ configType: 'flat' });
      const messages = linter.verify(
        `import '${specifier}';`,
        { files: ['**/*.ts', '**/*.tsx'], plugins: { panda: layers }, rules: { 'panda/layer-imports': rule! } },
        at(file),
      );
      expect(messages.map((m) => m.ruleId), `${file} importing ${specifier}`).toEqual(['panda/layer-imports']);
    }
  });
});
