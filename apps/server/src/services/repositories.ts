import type { Db } from '../db/database.ts';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { ImportedTotalsRepository } from '../repositories/imported-totals.repository.ts';
import { ResultsRepository } from '../repositories/results.repository.ts';
import { RubricRepository } from '../repositories/rubric.repository.ts';
import { ScoreRepository } from '../repositories/score.repository.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';

/** Every repository over one connection or one transaction. */
export function repositories(db: Db) {
  return {
    units: new UnitRepository(db),
    rubrics: new RubricRepository(db),
    cycles: new CycleRepository(db),
    scores: new ScoreRepository(db),
    importedTotals: new ImportedTotalsRepository(db),
    results: new ResultsRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** Runs a use case in one transaction with repositories bound to it: all of it is saved, or none. */
export function inTransaction<T>(db: Db, fn: (repos: Repositories, tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(repositories(tx as unknown as Db), tx as unknown as Db));
}
