import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt(
  { ignores: ['bench/results/**', 'test-results/**'] },
  // Tests read JSON answers of any shape; typing each one would add noise, not safety.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
)
