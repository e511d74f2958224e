import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt(
  { ignores: ['bench/results/**', 'test-results/**'] },
  // Tests read JSON answers of any shape; typing each one would add noise, not safety.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // shared/ runs in the browser too: it may name the server's types (erased at build), never import its code.
  {
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/server/**', '~~/server/**', '**/db/**', '~~/db/**'], allowTypeImports: true, message: 'shared/ must not import server or database code' }],
      }],
    },
  },
  { files: ['pages/**', 'components/**', 'composables/**', 'layouts/**', 'middleware/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '~~/server/**'], message: 'Pages read the API\'s types from shared/types' }] }] } },
)
