import type { ESLint, Rule } from 'eslint';

export const layerImports: Rule.RuleModule;
declare const plugin: ESLint.Plugin & { rules: { 'layer-imports': Rule.RuleModule } };
export default plugin;
