// `npm test`: makes sure Chromium and redis-server are here, builds, runs every suite and ends
// with the plain line "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDebianPackage } from './debian-package.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const stopForMissing = () => {
  console.log('0 passed, 1 failed')
  process.exit(1)
}

ensureDebianPackage('chromium', 'chromium', { fail: stopForMissing })
ensureDebianPackage('redis-server', 'redis-server', { fail: stopForMissing })

if (process.env.TEST_SKIP_BUILD !== '1') {
  console.log('[test] Building the app…')
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'nuxt', 'bin', 'nuxt.mjs'), 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (build.status !== 0) {
    console.error(`${build.stdout}\n${build.stderr}\n[test] The build failed.`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

// Type errors and lint errors fail the suite like a failing test does.
let staticChecksFailed = 0
const staticChecks = [
  ['Type-check', join('nuxt', 'bin', 'nuxt.mjs'), 'typecheck'],
  ['Lint', join('eslint', 'bin', 'eslint.js'), '.'],
]
for (const [name, script, argument] of staticChecks) {
  if (process.env.TEST_SKIP_STATIC === '1') break
  console.log(`[test] ${name}…`)
  const check = spawnSync(process.execPath, [join(root, 'node_modules', script), argument], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (check.status !== 0) {
    console.error(`${check.stdout}\n${check.stderr}\n[test] ${name} failed (counted as 1 failed).`)
    staticChecksFailed++
  }
}

const resultsDir = join(root, 'test-results')
const resultsFile = join(resultsDir, 'vitest.json')
mkdirSync(resultsDir, { recursive: true })
rmSync(resultsFile, { force: true })
const vitest = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })

function readSummary() {
  if (!existsSync(resultsFile)) return { passed: 0, failed: 1 }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'))
  const skipped = results.numPendingTests + results.numTodoTests
  if (skipped) console.log(`[test] ${skipped} skipped (see their reasons above)`)
  // A file that fails outside its tests (loading, beforeAll) counts as a failure, not as silence.
  const brokenFiles = results.testResults.filter(file => file.status === 'failed' && !file.assertionResults.some(test => test.status === 'failed')).length
  return { passed: results.numPassedTests, failed: results.numFailedTests + brokenFiles }
}

const { passed, failed: failedTests } = readSummary()
const failed = failedTests + staticChecksFailed
const ok = vitest.status === 0 && failed === 0 && passed > 0
console.log(`${passed} passed, ${failed} failed`)
process.exit(ok ? 0 : 1)
