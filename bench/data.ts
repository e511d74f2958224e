/**
 * `npm run bench:data -- --database FILE [--smoke]`: writes the benchmark's data set (or the small
 * smoke one) into a new SQLite file, e.g. to try the jobs or the pages on a large customer base.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_PASSWORD, FULL_SIZE, SMOKE_SIZE, generateBenchData } from './generate'

const { values } = parseArgs({ options: { database: { type: 'string' }, smoke: { type: 'boolean', default: false } } })
if (!values.database) {
  console.error('Usage: npm run bench:data -- --database FILE [--smoke]')
  process.exit(2)
}
const file = resolve(values.database)
if (existsSync(file)) {
  console.error(`${file} exists: give a new file (the data set is written into an empty database).`)
  process.exit(2)
}
const data = await generateBenchData(file, values.smoke ? SMOKE_SIZE : FULL_SIZE)
console.log(`Wrote ${JSON.stringify(data.counts)} into ${file} in ${data.seconds.toFixed(1)} s.`)
console.log(`Every generated user signs in with the password "${BENCH_PASSWORD}" (customer1@bench.example, pro1@bench.example, …); start the server with DATABASE_PATH=${file} to create the admin.`)
