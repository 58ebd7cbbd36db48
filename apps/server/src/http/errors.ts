import { AppError, type ErrorBody } from '@parindex/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one place that turns errors into the wire shape { error: { code, message, details? }, requestId }. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let body: ErrorBody;
    let status: number;
    if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, details: err.issues.length || Object.keys(err.details).length ? { ...(err.issues.length ? { issues: err.issues } : {}), ...err.details } : undefined } };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const issues = err.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined, message: v.message ?? 'không hợp lệ' }));
      body = { error: { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ: ' + issues.map((i) => `${i.field ?? ''} ${i.message}`.trim()).join('; '), details: { issues } } };
    } else if (err.statusCode === 413) {
      status = 413;
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' } };
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: { code: 'VALIDATION', message: `Yêu cầu không hợp lệ: ${err.message}` } };
    } else {
      req.log.error({ err }, 'unhandled error');
      status = 500;
      body = { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên kèm mã yêu cầu.' } };
    }
    body.requestId = req.id;
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Không có đường dẫn ${req.method} ${req.url}.` }, requestId: req.id });
  });
}
