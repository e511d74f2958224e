// The machine's limit: a bare node:http server answering a fixed 1 KB JSON document.
import { createServer } from 'node:http'

const body = JSON.stringify({ items: Array.from({ length: 10 }, (_, id) => ({ id, name: `Service ${id}`, description: 'x'.repeat(60) })) }).padEnd(1024, ' ')
const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  response.end(body)
})
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'))
