import { z } from 'zod'

// The rules in shared/domain reach the browser with the forms. Zod probes `new Function` once to
// see whether it may compile its object parsers; the page's Content-Security-Policy forbids eval,
// so in the browser that probe only logs a CSP violation (Lighthouse best practices counts it).
// There, parse without compiling, as Zod would after the failed probe; the server keeps the JIT.
// Every module of shared/domain imports z from here, so this runs before the first schema is built.
if ('window' in globalThis) z.config({ jitless: true })

export { z }
