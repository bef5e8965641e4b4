import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'samples/**', 'coverage/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // A rest sibling leaves out what it names: `const {a, ...rest} = o` is how a key is dropped.
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', ignoreRestSiblings: true}],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly'}},
  },
)
