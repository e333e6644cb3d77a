// ESLint (flat config): correctness rules for TypeScript and Vue. Formatting is Prettier's job
// (.prettierrc.json); the layer rules are scripts/check-layers.mjs's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '**/target/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Layout is Prettier's; these stylistic Vue rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // Views are named by their feature (HistoryView, LiveView); single-word roots like App are fine.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Test clients of the wire protocol read whatever JSON the host answers on any channel; the
    // assertions, not the types, check its shape there.
    files: ['tests/integration/host-scenarios.ts', 'tests/unit/electron/support/*.ts', 'tests/unit/electron/contract.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
