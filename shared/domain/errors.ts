/** A rule said no: the status code and message the API answers with (404 / 403 / 409). */
export class RuleError extends Error {
  constructor(public readonly statusCode: 403 | 404 | 409, message: string) {
    super(message)
  }
}
