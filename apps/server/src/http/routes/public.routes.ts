import { DashboardDto, ErrorResponse, UnitScorecardDto } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.ts';

const Id = z.string().min(1).max(64);

/** The public portal's reads: a unit's scorecard and the province dashboard of a published cycle. */
export const publicRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/cycles/:id/units/:unitId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Phiếu kết quả Chỉ số CCHC của một đơn vị',
        description:
          'Kết quả của đơn vị, chỉ số thành phần theo lĩnh vực và tiêu chí so với trung bình nhóm, các tiêu chí thành phần bị trừ điểm, diễn biến qua các năm (qua đơn vị tiền thân khi hợp nhất) và số điểm cần để lên xếp loại, lên hạng.',
        params: z.object({ id: Id, unitId: Id }),
        response: { 200: UnitScorecardDto, 404: ErrorResponse },
      },
    },
    (req) => services.scorecard.getUnitScorecard(req.params.id, req.params.unitId),
  );
  r.get(
    '/cycles/:id/dashboard',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Bảng tổng hợp Chỉ số CCHC của tỉnh',
        description: 'Xếp hạng theo nhóm, chỉ số thành phần của từng đơn vị theo lĩnh vực, phân bố xếp loại, trung bình lĩnh vực theo nhóm và chỉ số trung bình nhóm qua các năm.',
        params: z.object({ id: Id }),
        response: { 200: DashboardDto, 404: ErrorResponse },
      },
    },
    (req) => services.scorecard.getDashboard(req.params.id),
  );
};
