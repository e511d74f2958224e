import { useServerConfig } from './config'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Posts `{ text }` to the configured Google Chat webhook; 429 and 5xx are retried with backoff. */
export async function postToGoogleChat(text: string, webhookUrl = useServerConfig().googleChatWebhookUrl) {
  if (!webhookUrl) return false
  for (let attempt = 1; ; attempt++) {
    let status: number
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(10_000),
      })
      if (response.ok) return true
      status = response.status
    }
    catch {
      status = 0 // network error or timeout
    }
    const retryable = status === 0 || status === 429 || status >= 500
    if (!retryable || attempt >= 3) throw new Error(`Google Chat webhook answered ${status || 'no response'}`)
    await sleep(250 * 2 ** (attempt - 1))
  }
}
