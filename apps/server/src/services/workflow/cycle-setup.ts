/**
 * What the secretariat's setup pages read: the province's units, the rubric versions, the assessed
 * cycles with their next steps, and one cycle's setup (units, peer groups, fields, exclusions,
 * appraiser assignments).
 */
import type { CycleSetupDto, RubricVersionBrief, UnitRef, WorkCycleDto } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import { presentCycle } from '../presenters.ts';
import { repositories } from '../repositories.ts';
import { AssessmentService } from './assessment.service.ts';
import { CycleAdminService, TRANSITIONS } from './cycle-admin.service.ts';
import type { Notifier } from './notifier.ts';

export class CycleSetupService {
  private readonly assessment: AssessmentService;
  private readonly admin: CycleAdminService;
  constructor(
    private readonly db: Db,
    notifier: Notifier,
  ) {
    this.assessment = new AssessmentService(db, notifier);
    this.admin = new CycleAdminService(db, notifier);
  }

  /** Every unit of the province, by name the Vietnamese way. */
  async units(): Promise<UnitRef[]> {
    const collator = new Intl.Collator('vi');
    const rows = await repositories(this.db).units.listAll();
    return rows.sort((a, b) => collator.compare(a.name, b.name)).map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
  }

  async rubricVersions(): Promise<RubricVersionBrief[]> {
    return (await repositories(this.db).rubrics.list()).map((v) => ({ id: v.id, code: v.code, version: v.version, year: v.year, name: v.name }));
  }

  /** The assessed cycles (imported tables are not worked on), each with its deadlines and next steps. */
  async workCycles(): Promise<WorkCycleDto[]> {
    const rows = await repositories(this.db).cycles.list();
    return rows.filter((c) => c.source === 'assessed').map((c) => ({ ...presentCycle(c), deadlines: c.deadlines, next: TRANSITIONS[c.status] ?? [] }));
  }

  async setup(cycleId: string): Promise<CycleSetupDto> {
    const repos = repositories(this.db);
    const { rubric } = await this.assessment.cycleAndRubric(cycleId);
    return {
      units: await repos.cycles.listCycleUnits(cycleId),
      peerGroups: rubric.doc.peerGroups,
      fields: rubric.doc.fields.map((f) => ({ code: f.code, title: f.title })),
      exclusions: await repos.cycles.listExclusions(cycleId),
      assignments: await this.admin.assignments(cycleId),
    };
  }
}
