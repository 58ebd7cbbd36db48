/**
 * Multipart bodies for the upload routes: the valid-looking form with the file the route expects,
 * and the same cut short, without a file, with an empty or too large file, too many parts, bad fields.
 */
import { randomUUID } from 'node:crypto';
import type { ApiRoute } from '../../http/app.ts';
import { demoReportPdf } from '../../seed/seed-workflow.ts';
import type { FuzzContext } from './context.ts';
import { HUGE } from './values.ts';

/** The upload forms of one suite: `variants(route)` are [label, body, content type]; `overLimit()` has a file over 20 MB. */
export function multipartForms(ctx: FuzzContext) {
  const { real, files } = ctx;
  const boundary = '----parindexfuzz';
  const part = (name: string, value: string | Buffer, file?: { name: string; type: string }) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file.name}"\r\nContent-Type: ${file.type}` : ''}\r\n\r\n`),
      Buffer.from(value),
      Buffer.from('\r\n'),
    ]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  const fields = (over: Record<string, string> = {}) => {
    const all: Record<string, string> = { identified: '1', unitId: real.unitId, respondentGroup: real.respondentGroup, numberSymbol: '05/KH-STP', issuedDate: '2026-03-02', issuer: 'Sở Tư pháp', signer: 'Phạm Quốc Bảo', ...over };
    return Object.entries(all).map(([k, v]) => part(k, v));
  };
  const csv = Buffer.from('\uFEFFHọ và tên,Đơn vị công tác,Email,Đơn vị được đánh giá\nNguyễn Văn A,Sở Tư pháp,a@example.vn,\n');
  const form = (content: Buffer, over: Record<string, string> = {}, fileName = 'tep.csv') => Buffer.concat([...fields(over), part('file', content, { name: fileName, type: 'application/octet-stream' }), end]);
  const type = `multipart/form-data; boundary=${boundary}`;
  const nationalCsv = Buffer.from('Chỉ số,Năm,Giá trị,Tối đa,Thứ hạng,Số tỉnh,Nhóm,Nguồn\nPCI,2024,66.9,100,15,34,Khá,Báo cáo PCI\n');
  const fileFor = (route: ApiRoute): Buffer => {
    if (route.url.endsWith('/documents')) return demoReportPdf('Bao cao thu');
    if (/\/responses\/import(-jobs)?$/.test(route.url)) return files.responsesCsv ?? csv;
    if (route.url.endsWith('/surveys/import')) return files.questionnaireXlsx ?? csv;
    if (route.url.endsWith('external-indices/import')) return nationalCsv;
    return csv;
  };
  const variants = (route: ApiRoute): [string, Buffer | string, string][] => {
    const content = fileFor(route);
    const whole = form(content);
    return [
      ['valid-looking', whole, type],
      ['truncated in the file', whole.subarray(0, whole.length - end.length - Math.floor(content.length / 2)), type],
      ['truncated in a part header', Buffer.concat([...fields(), Buffer.from(`--${boundary}\r\nContent-Disposition: form-da`)]), type],
      ['truncated after the fields', Buffer.concat(fields()), type],
      ['no file part', Buffer.concat([...fields(), end]), type],
      ['empty file', form(Buffer.alloc(0)), type],
      ['no boundary in the content type', whole, 'multipart/form-data'],
      ['another boundary', whole, 'multipart/form-data; boundary=----autre'],
      ['empty body', '', type],
      ['garbage', Buffer.from('\u0000\u0001garbage\r\n--'), type],
      ['two files', Buffer.concat([...fields(), part('file', content, { name: 'a.csv', type: 'text/csv' }), part('file2', content, { name: 'b.csv', type: 'text/csv' }), end]), type],
      ['too many fields', Buffer.concat([...Array.from({ length: 30 }, (_, i) => part(`f${i}`, 'x')), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
      ['__proto__ field', Buffer.concat([part('__proto__', 'x'), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
      ['NUL in the fields', form(content, { unitId: 'a\u0000b', respondentGroup: 'x\u0000', numberSymbol: 'a\u0000b', issuer: '\u0000', signer: '\u0000' }), type],
      ['bad UTF-8 in the fields', Buffer.concat([part('numberSymbol', Buffer.from([0xed, 0xa0, 0x80])), part('issuer', Buffer.from([0xff])), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
      ['unknown unit, long fields', form(content, { unitId: randomUUID(), respondentGroup: HUGE, numberSymbol: HUGE, issuer: HUGE, signer: HUGE, issuedDate: '2026-02-31' }), type],
      ['field over the field size limit', form(content, { numberSymbol: 'x'.repeat(1_100_000) }), type],
      ['file name with NUL and ../', form(content, {}, '../\u0000/..\\x.csv'), type],
      ['very long file name', form(content, {}, `${'x'.repeat(5_000)}.csv`), type],
    ];
  };
  return { type, variants, overLimit: () => form(Buffer.alloc(20 * 1024 * 1024 + 1, 'a')) };
}
